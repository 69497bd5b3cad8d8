using System.Text;

namespace ApiSentinel.Collector.Tests.Specs.RealSpecs;

/// <summary>
/// Seeded mutations of real spec documents for fuzzing the spec reader: byte flips, truncations, splices of the
/// document's own structure, structural and YAML-specific tokens dropped in, deep nesting and huge scalars, and a
/// switch of the whole document onto the YAML path (a JSON document after a comment line is YAML flow style).
/// </summary>
public static class SpecMutator
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\u", "\\ud800", "null", "-1", "1e999", "\"$ref\":\"#/\"", "\"$ref\":\"#/components/schemas/x\"",
        "&a ", "*a", "<<: ", "!!str ", "? ", "- ", "|\n", "\t", "\n", "\r", "\u001b[31m", "%YAML 1.1\n", "---\n", "...\n", "\u0085", "\uFEFF",
        "\"allOf\":[", "\"properties\":{", "\"servers\":[{\"url\":\"http://h{x}/\"}],", "\"swagger\":\"2.0\",", "\"openapi\":\"3.1.0\",",
    ];

    public static byte[] Mutate(byte[] document, Random random)
    {
        var data = new List<byte>(document);
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds && data.Count > 0; round++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(9))
            {
                case 0:
                    for (var i = 0; i < 1 + random.Next(8); i++)
                    {
                        var position = random.Next(data.Count);
                        data[position] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 2:
                    // Splice: a slice of the document copied elsewhere (duplicates keys, unbalances structure).
                    var start = random.Next(data.Count);
                    var length = Math.Min(data.Count - start, 1 + random.Next(2048));
                    data.InsertRange(at, data.GetRange(start, length));
                    break;
                case 3:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(256)));
                    break;
                case 4:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 5:
                    var depth = random.Next(2) == 0 ? 1 + random.Next(300) : 1 + random.Next(100_000);
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Repeat(random.Next(3) switch { 0 => "[", 1 => "{\"a\":", _ => "- " }, depth)));
                    break;
                case 6:
                    data.InsertRange(at, Encoding.UTF8.GetBytes("\"" + new string('x', 1 + random.Next(1_000_000)) + "\""));
                    break;
                case 7:
                    // The YAML path: after a comment line, the JSON text is read as YAML flow style.
                    data.InsertRange(0, "#\n"u8.ToArray());
                    break;
                default:
                    data[at] = (byte)random.Next(256);
                    break;
            }
        }

        return data.ToArray();
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
