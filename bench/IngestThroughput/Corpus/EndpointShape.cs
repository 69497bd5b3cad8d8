namespace ApiSentinel.Bench.IngestThroughput.Corpus;

/// <summary>
/// One widened endpoint: a seed call's structure under a host of its own, with a path made of literal segments and
/// id slots (null entries) filled with fresh ids of <see cref="Ids"/> on every call.
/// </summary>
internal sealed record EndpointShape(int Seed, int Host, string?[] Segments, IdKind Ids);
