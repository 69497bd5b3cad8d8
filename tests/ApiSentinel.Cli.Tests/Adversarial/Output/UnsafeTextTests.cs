using System.Text;
using ApiSentinel.Cli.Output;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>The one rule of unsafe text agrees with the independent oracle on every code point and lone surrogate.</summary>
public class UnsafeTextTests
{
    [Fact]
    public void Every_code_point_is_judged_as_the_oracle_judges_it()
    {
        for (var codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }
            var text = new Rune(codePoint).ToString();
            var expected = HostileText.HasUnsafe(text, out _);
            Assert.True(expected == UnsafeText.IsUnsafe(codePoint), $"U+{codePoint:X4}");
            Assert.True(expected == (UnsafeText.IndexOfUnsafe(text) >= 0), $"U+{codePoint:X4} in text");
        }
    }

    /// <summary>Built in code: test-case serialisation would replace the lone surrogates before the test sees them.</summary>
    [Fact]
    public void Lone_surrogates_are_unsafe_and_pairs_are_not()
    {
        (string Text, int Index)[] cases =
        [
            ("a" + '\uD800' + "b", 1), ("ab" + '\uDC00', 2), (new string(['\uDC00', '\uD800']), 0), ("ok\U0001F600" + '\uD83D', 4),
        ];
        foreach (var (text, index) in cases)
        {
            Assert.Equal(index, UnsafeText.IndexOfUnsafe(text));
            Assert.True(HostileText.HasUnsafe(text, out var at));
            Assert.Equal(index, at);
            Assert.Equal('\uFFFD', HostileText.AsEncodable(text)[index]);
        }
        Assert.Equal(-1, UnsafeText.IndexOfUnsafe("ok\U0001F600é"));
    }
}
