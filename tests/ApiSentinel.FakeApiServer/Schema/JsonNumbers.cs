using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// Reads numbers from <see cref="JsonValue"/>s whether they were parsed from JSON text (element-backed) or built
/// from CLR values (YAML, defaults). An integral number (<c>3</c>, <c>3.0</c>) is an integer, as kube-openapi
/// treats a float64 with no fraction.
/// </summary>
public static class JsonNumbers
{
    public static bool TryGetInteger(JsonValue value, out long integer)
    {
        if (value.TryGetValue(out integer))
        {
            return true;
        }
        if (value.TryGetValue(out ulong big) && big <= long.MaxValue)
        {
            integer = (long)big;
            return true;
        }
        var d = GetDouble(value);
        if (double.IsFinite(d) && Math.Floor(d) == d && d >= long.MinValue && d < 9.2233720368547758E18)
        {
            integer = (long)d;
            return true;
        }
        integer = 0;
        return false;
    }

    public static double GetDouble(JsonValue value)
    {
        if (value.TryGetValue(out double d))
        {
            return d;
        }
        if (value.TryGetValue(out long l))
        {
            return l;
        }
        if (value.TryGetValue(out ulong u))
        {
            return u;
        }
        if (value.TryGetValue(out decimal m))
        {
            return (double)m;
        }
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>As Go's %v prints an int64 or float64.</summary>
    public static string Format(JsonValue value) =>
        TryGetInteger(value, out var i) ? i.ToString(CultureInfo.InvariantCulture) : Format(GetDouble(value));

    public static string Format(double d) =>
        Math.Floor(d) == d && Math.Abs(d) < 1e21 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
}
