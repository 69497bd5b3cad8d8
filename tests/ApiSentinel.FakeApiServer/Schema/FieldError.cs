namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// One validation failure, as kube-apiserver reports it in a 422's <c>details.causes</c>.
/// </summary>
/// <param name="Path">The field, e.g. <c>spec.ports[0]</c>; <c>&lt;nil&gt;</c> for the object itself.</param>
/// <param name="Type">One of <see cref="FieldErrorTypes"/>.</param>
/// <param name="Message">The whole line kube prints, path included.</param>
public sealed record FieldError(string Path, string Type, string Message);
