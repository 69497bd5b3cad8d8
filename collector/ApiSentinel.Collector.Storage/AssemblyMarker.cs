namespace ApiSentinel.Collector.Storage;
internal static class AssemblyMarker;
