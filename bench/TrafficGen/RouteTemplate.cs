using System.Text;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// One API operation, e.g. <c>GET /api/v1/users/{int}/orders?page={page}</c>. The target is split once into
/// literal byte pieces and placeholders so that each request only copies bytes and formats a number or UUID.
/// </summary>
internal sealed class RouteTemplate
{
    private static readonly byte[][] Words =
        [.. new[] { "books", "laptops", "headphones", "garden", "toys", "running+shoes", "usb%20c%20cable", "coffee" }.Select(Encoding.ASCII.GetBytes)];

    private readonly byte[][] _literals;
    private readonly string[] _placeholders;

    public RouteTemplate(string method, string target, ResponseShape shape, int weight)
    {
        Method = Encoding.ASCII.GetBytes(method);
        SendsBody = method is "POST" or "PUT" or "PATCH";
        Shape = shape;
        Weight = weight;

        var literals = new List<byte[]>();
        var placeholders = new List<string>();
        int cursor = 0;
        while (true)
        {
            int open = target.IndexOf('{', cursor);
            if (open < 0)
            {
                literals.Add(Encoding.ASCII.GetBytes(target[cursor..]));
                break;
            }

            int close = target.IndexOf('}', open);
            literals.Add(Encoding.ASCII.GetBytes(target[cursor..open]));
            placeholders.Add(target[(open + 1)..close]);
            cursor = close + 1;
        }

        _literals = [.. literals];
        _placeholders = [.. placeholders];
    }

    public byte[] Method { get; }

    public bool SendsBody { get; }

    public ResponseShape Shape { get; }

    public int Weight { get; }

    public void WriteTarget(ref AsciiWriter writer, DeterministicRandom random)
    {
        writer.Write(_literals[0]);
        for (int i = 0; i < _placeholders.Length; i++)
        {
            switch (_placeholders[i])
            {
                case "int":
                    writer.Write(random.Next(1, 999_999));
                    break;
                case "page":
                    writer.Write(random.Next(1, 40));
                    break;
                case "uuid":
                    writer.Write(RandomGuid(random));
                    break;
                default:
                    writer.Write(Words[random.Next(Words.Length)]);
                    break;
            }

            writer.Write(_literals[i + 1]);
        }
    }

    /// <summary>A version-4 UUID from the deterministic stream.</summary>
    public static Guid RandomGuid(DeterministicRandom random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
