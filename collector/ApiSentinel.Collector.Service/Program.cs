namespace ApiSentinel.Collector.Service;

internal static class Program
{
    public static int Main() => 0;
}
