using System.Globalization;
using System.Text;

/// <summary>
/// Whole bodies for ScanText: JSON list responses and an HTML page, 4–64 KiB, built from the same kind of fields
/// as <see cref="ValueMix"/>, with a couple of sensitive values in the larger JSON ones.
/// </summary>
internal static class TextBodies
{
    public static List<(string Name, byte[] Body)> Build() =>
    [
        ("JSON list", Json(4 * 1024, sensitive: false)),
        ("JSON list", Json(16 * 1024, sensitive: true)),
        ("JSON list", Json(64 * 1024, sensitive: true)),
        ("HTML page", Html(32 * 1024)),
    ];

    private static byte[] Json(int size, bool sensitive)
    {
        var random = new Random(size);
        var sb = new StringBuilder("{\"data\":[");
        for (var i = 0; sb.Length < size - 400; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":{random.Next(1, 10_000_000)},\"uuid\":\"{Guid.NewGuid()}\",\"status\":\"shipped\",\"createdAt\":\"2026-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}T12:{random.Next(60):D2}:00Z\"," +
                $"\"total\":{random.Next(100, 100000) / 100.0:F2},\"currency\":\"EUR\",\"customer\":{{\"name\":\"Customer {random.Next(1000)}\",\"tier\":\"gold\"}}," +
                $"\"items\":[{{\"sku\":\"A{random.Next(100000):D5}\",\"qty\":{random.Next(1, 9)},\"price\":{random.Next(100, 9999) / 100.0:F2}}}],\"href\":\"/v1/orders/{random.Next(1, 10_000_000)}\"}}");
            if (sensitive && i % 40 == 7)
            {
                sb.Append(",{\"email\":\"jane.doe@example.com\",\"phone\":\"+44 20 7946 0958\",\"card\":\"4111 1111 1111 1111\"}");
            }
        }

        sb.Append("],\"page\":{\"next\":\"/v1/orders?page=3\",\"size\":50}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] Html(int size)
    {
        var random = new Random(size);
        var sb = new StringBuilder("<!DOCTYPE html><html><head><title>Orders</title><link rel=\"stylesheet\" href=\"/static/app.3f2a9c1e.css\"></head><body><table>");
        while (sb.Length < size - 200)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"row\"><td><a href=\"/orders/{random.Next(1, 10_000_000)}\">#{random.Next(1, 10_000_000)}</a></td><td>Customer {random.Next(1000)}</td>" +
                $"<td>2026-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}</td><td>{random.Next(100, 100000) / 100.0:F2} EUR</td><td><img src=\"/img/icon@2x.png\" width=\"16\"></td></tr>\n");
        }

        sb.Append("</table></body></html>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
