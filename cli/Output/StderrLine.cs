namespace ApiSentinel.Cli.Output;

/// <summary>
/// One line on stderr, prefixed with the program's name and neutralised (<see cref="TerminalText"/>): error
/// messages quote file names, spec text and option values, any of which can carry escapes or newlines, and an
/// error must stay one line that cannot drive the terminal.
/// </summary>
internal static class StderrLine
{
    public const string Prefix = "apisentinel: ";

    public static void Write(string message) => Write(Console.Error, message);

    public static void Write(TextWriter error, string message) => error.WriteLine(Prefix + TerminalText.Neutralise(message));
}
