using System.Globalization;

namespace ApiSentinel.FakeApiServer.Schema.Validation;

/// <summary>Field paths as kube prints them: <c>spec.ports[0].name</c>.</summary>
internal static class ValuePaths
{
    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Key(string path, string key) => path + "[" + key + "]";
}
