using System.Text.Json.Nodes;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Finds local <c>$ref</c>s that point nowhere or lead, through <c>$ref</c>s only, back to themselves, reports
/// each with where it is used, and removes the <c>$ref</c> so the object reads as an unconstrained schema.
/// </summary>
/// <remarks>
/// Published specs have such references (a schema renamed but not every use of it): refusing them refused the
/// whole document over one field. An unconstrained schema makes the fields below it documented-as-anything, which
/// can hide a violation there but never invents one. A pure cycle (<c>A: {$ref: B}</c>, <c>B: {$ref: A}</c>) has
/// no content at all and sent the reader's reference resolution round the loop; recursion through properties
/// (a tree of categories) is legitimate and left alone. Each distinct target is resolved once.
/// </remarks>
internal static class ReferenceRepair
{
    private const string RefKey = "$ref";

    public static void Run(JsonObject root, SpecWarnings warnings)
    {
        var verdicts = new Dictionary<string, Verdict>(StringComparer.Ordinal);
        // Iterative walk: depth is already bounded by the budget, but a stack costs nothing here.
        var pending = new Stack<(JsonNode Node, string Pointer)>();
        pending.Push((root, "#/"));
        while (pending.Count > 0)
        {
            var (node, pointer) = pending.Pop();
            switch (node)
            {
                case JsonObject obj:
                    if (obj.TryGetPropertyValue(RefKey, out var value) && value is JsonValue reference &&
                        reference.TryGetValue<string>(out var target) && target.StartsWith('#'))
                    {
                        var verdict = Judge(root, target, verdicts);
                        if (verdict != Verdict.Resolves)
                        {
                            obj.Remove(RefKey);
                            warnings.Add(
                                verdict == Verdict.Dangling ? SpecWarningKinds.DanglingReference : SpecWarningKinds.ReferenceCycle,
                                pointer,
                                verdict == Verdict.Dangling
                                    ? $"$ref '{target}' points nowhere (read as an unconstrained schema)"
                                    : $"$ref '{target}' leads back to itself through $refs only (cut, read as an unconstrained schema)");
                        }
                    }

                    foreach (var (key, child) in obj)
                    {
                        if (child is JsonObject or JsonArray)
                        {
                            pending.Push((child, JsonPointer.Append(pointer, key)));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject or JsonArray)
                        {
                            pending.Push((array[i]!, JsonPointer.Append(pointer, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                        }
                    }

                    break;
            }
        }
    }

    private static Verdict Judge(JsonObject root, string target, Dictionary<string, Verdict> verdicts)
    {
        if (verdicts.TryGetValue(target, out var known))
        {
            return known;
        }

        // Follow the chain of $ref-only hops; every target on it shares the verdict.
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = target;
        Verdict verdict;
        while (true)
        {
            if (verdicts.TryGetValue(current, out known))
            {
                verdict = known;
                break;
            }

            if (!seen.Add(current))
            {
                verdict = Verdict.Cycle;
                break;
            }

            chain.Add(current);
            var resolved = Resolve(root, current);
            if (resolved is null)
            {
                verdict = Verdict.Dangling;
                break;
            }

            if (resolved is JsonObject next && next.TryGetPropertyValue(RefKey, out var hop) && hop is JsonValue hopValue &&
                hopValue.TryGetValue<string>(out var hopTarget) && hopTarget.StartsWith('#'))
            {
                current = hopTarget;
                continue;
            }

            verdict = Verdict.Resolves;
            break;
        }

        // Only the first target of a dangling chain is itself dangling; the hops before it point at a $ref that
        // will be removed, so they read as unconstrained too — the same verdict is right for all of them.
        foreach (var each in chain)
        {
            verdicts[each] = verdict;
        }

        return verdict;
    }

    private static JsonNode? Resolve(JsonObject root, string reference)
    {
        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            // The whole document, or an anchor ("#foo", JSON Schema 2020-12): not resolved here, left to the reader.
            return root;
        }

        JsonNode current = root;
        foreach (var rawToken in pointer[1..].Split('/'))
        {
            var token = rawToken.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            JsonNode? next = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private enum Verdict
    {
        Resolves,
        Dangling,
        Cycle,
    }
}
