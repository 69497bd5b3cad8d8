using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Storage;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Patterns keep RE2's meaning where .NET's differs: <c>$</c> and the ASCII-only <c>\d \w \s</c>.</summary>
public sealed class Re2RegexTests
{
    private static bool Matches(string pattern, string input)
    {
        Assert.True(Re2Regex.TryCreate(pattern, out var regex, out var error), error);
        return Re2Regex.IsMatch(regex!, input);
    }

    [Theory]
    [InlineData(@"^abc$", "abc", true)]
    [InlineData(@"^abc$", "abc\n", false)]
    [InlineData(@"^a$|^b$", "b\n", false)]
    [InlineData(@"(?m)^a$", "a\nb", true)]
    [InlineData(@"^[$]+$", "$$", true)]
    [InlineData(@"^\$$", "$", true)]
    [InlineData(@"^[]a]+$", "]a", true)]
    public void Dollar_is_the_end_of_the_text_outside_multiline_mode(string pattern, string input, bool matches) =>
        Assert.Equal(matches, Matches(pattern, input));

    [Theory]
    [InlineData(@"^\d+$", "0123456789", true)]
    [InlineData(@"^\d+$", "\u0661\u0662", false)]
    [InlineData(@"^[\d]+$", "\u0661", false)]
    [InlineData(@"^\D$", "\u0661", true)]
    [InlineData(@"^\w+$", "a_Z9", true)]
    [InlineData(@"^\w+$", "é", false)]
    [InlineData(@"^[\w-]+$", "é", false)]
    [InlineData(@"^\W$", "é", true)]
    [InlineData(@"^\s$", "\t", true)]
    [InlineData(@"^\s$", "\u00a0", false)]
    [InlineData(@"^\s$", "\v", false)]
    [InlineData(@"^\S$", "\u00a0", true)]
    public void Perl_classes_are_ascii_as_in_RE2(string pattern, string input, bool matches) =>
        Assert.Equal(matches, Matches(pattern, input));

    [Theory]
    [InlineData("web\n")]
    [InlineData("web.example\n")]
    public void Metadata_names_with_a_trailing_newline_are_invalid(string name)
    {
        Assert.False(MetadataValidation.IsDnsLabel(name));
        Assert.False(MetadataValidation.IsDnsSubdomain(name));
    }
}
