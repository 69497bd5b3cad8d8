namespace ApiSentinel.Bench.Accuracy.Output;

/// <summary>Reason phrases of the statuses the source specs declare.</summary>
internal static class ReasonPhrase
{
    public static string Of(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        _ => "Status",
    };
}
