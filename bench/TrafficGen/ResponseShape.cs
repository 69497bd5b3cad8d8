namespace ApiSentinel.Bench.TrafficGen;

/// <summary>What a successful response to a route looks like.</summary>
internal enum ResponseShape
{
    /// <summary>200 with a paged list: the heavy-tailed bodies, sometimes gzip and/or chunked.</summary>
    Collection,

    /// <summary>200 with one resource.</summary>
    Single,

    /// <summary>201 with the created resource and a Location header.</summary>
    Created,

    /// <summary>204, no body.</summary>
    NoContent,
}
