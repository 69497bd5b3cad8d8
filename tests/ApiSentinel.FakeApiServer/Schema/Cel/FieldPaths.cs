using System.Text;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// A rule's <c>fieldPath</c> (<c>.spec.ports[0]</c>, <c>['a.b'].c</c>) appended to the node's path, printed the
/// way kube prints field paths.
/// </summary>
internal static class FieldPaths
{
    public static string Append(string path, string? fieldPath)
    {
        if (string.IsNullOrWhiteSpace(fieldPath))
        {
            return path;
        }
        var sb = new StringBuilder(path);
        var i = 0;
        while (i < fieldPath.Length)
        {
            if (fieldPath[i] == '.')
            {
                var end = i + 1;
                while (end < fieldPath.Length && fieldPath[end] is not '.' and not '[')
                {
                    end++;
                }
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }
                sb.Append(fieldPath, i + 1, end - i - 1);
                i = end;
            }
            else if (fieldPath[i] == '[')
            {
                var end = fieldPath.IndexOf(']', i);
                if (end < 0)
                {
                    return path;
                }
                var inner = fieldPath[(i + 1)..end].Trim('\'', '"');
                sb.Append('[').Append(inner).Append(']');
                i = end + 1;
            }
            else
            {
                return path;
            }
        }
        return sb.ToString();
    }

    /// <summary>True when kube accepts the fieldPath syntax (a leading <c>.name</c> or <c>['key']</c> chain).</summary>
    public static bool IsValid(string fieldPath) =>
        fieldPath.Length > 0 && fieldPath[0] is '.' or '[' && !fieldPath.Contains("..", StringComparison.Ordinal)
        && fieldPath.Count(c => c == '[') == fieldPath.Count(c => c == ']');
}
