namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// A value planted in generated traffic that must never reach any output: its <see cref="Kind"/> (what it looks
/// like: a card number, an opaque credential…), where it was put (<see cref="Location"/>, in words a failure
/// message can name) and the value itself, unique per seed.
/// </summary>
internal sealed record Marker(string Kind, string Location, string Value);
