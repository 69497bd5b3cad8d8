using System.Text;
using System.Text.Json;

namespace ApiSentinel.Sensor.Har;

/// <summary>
/// The request body a HAR <c>postData</c> stands for. Recorders write it as <c>text</c>, or — several of them, for
/// forms and sometimes even JSON — as <c>params</c> (name/value pairs) with no text: ignoring <c>params</c> missed
/// the card numbers and e-mails of every such request. Params are turned back into the body their
/// <c>mimeType</c> names (a JSON object, a multipart form with its boundary, else a URL-encoded form), so they
/// meet the same extractor as text does.
/// </summary>
internal static class HarPostData
{
    /// <summary>Params beyond this are not rebuilt: the extractor inspects a bounded prefix of a body anyway.</summary>
    private const int MaxParams = 1024;

    public static byte[]? Body(JsonElement postData)
    {
        if (HarFileSource.Text(postData, "text", out var text) && text.Length > 0)
        {
            return Encoding.UTF8.GetBytes(text);
        }
        if (postData.ValueKind != JsonValueKind.Object || !postData.TryGetProperty("params", out var list) ||
            list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return null;
        }
        HarFileSource.Text(postData, "mimeType", out var mimeType);
        return mimeType.Contains("json", StringComparison.OrdinalIgnoreCase) ? AsJson(list)
            : mimeType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ? AsMultipart(list, Boundary(mimeType))
            : AsForm(list);
    }

    private static IEnumerable<(string Name, string Value)> Pairs(JsonElement list)
    {
        var n = 0;
        foreach (var param in list.EnumerateArray())
        {
            if (n++ >= MaxParams)
            {
                yield break;
            }
            if (HarFileSource.Text(param, "name", out var name))
            {
                // A file upload param has fileName/contentType and maybe no value: its name still counts.
                yield return (name, HarFileSource.Text(param, "value", out var value) ? value : "");
            }
        }
    }

    private static byte[] AsForm(JsonElement list)
    {
        var form = new StringBuilder();
        foreach (var (name, value) in Pairs(list))
        {
            if (form.Length > 0)
            {
                form.Append('&');
            }
            form.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return Encoding.UTF8.GetBytes(form.ToString());
    }

    private static string Boundary(string mimeType)
    {
        var at = mimeType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return "apisentinel-har-params";
        }
        var boundary = mimeType[(at + "boundary=".Length)..];
        var end = boundary.IndexOf(';');
        boundary = (end < 0 ? boundary : boundary[..end]).Trim().Trim('"');
        return boundary.Length == 0 ? "apisentinel-har-params" : boundary;
    }

    private static byte[] AsMultipart(JsonElement list, string boundary)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in Pairs(list))
        {
            body.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(name.Replace("\"", "%22", StringComparison.Ordinal)).Append("\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }
        body.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static byte[] AsJson(JsonElement list)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in Pairs(list))
            {
                if (written.Add(name))
                {
                    writer.WriteString(name, value);
                }
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
