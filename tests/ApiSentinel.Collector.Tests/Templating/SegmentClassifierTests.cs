using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Tests.Templating;

public class SegmentClassifierTests
{
    [Theory]
    [InlineData("8812", "integer")]
    [InlineData("0", "integer")]
    [InlineData("3f2a9c1e-7b44-4d2a-9a51-0c3e5b7d9f10", "uuid")]
    [InlineData("3F2A9C1E-7B44-4D2A-9A51-0C3E5B7D9F10", "uuid")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", "ulid")]
    [InlineData("01h8xgjwbwbbq5hfk6r0z7c2mn", "ulid")]
    [InlineData("507f1f77bcf86cd799439011", "objectid")]
    [InlineData("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "hex")]
    [InlineData("9fceb02d", "hex")]
    [InlineData("cus_NffrFeUfNV2Hib", "base64")]
    [InlineData("ch_JPPQLfZVxvKWdhoRObKdvzKW", "base64")]
    [InlineData("dGhpcyBpcyBhIHRva2VuMTIz==", "base64")]
    [InlineData("2026-10-01", "date")]
    [InlineData("20261001", "date")]
    [InlineData("jane.doe@example.com", "email")]
    [InlineData("jane%40example.com", "email")]
    [InlineData("a8f3kz92mq", "high-entropy")]
    [InlineData("REDACTED", "redacted")]
    public void Recognises_identifier_shapes(string segment, string expected) =>
        Assert.Equal(expected, ValueClassNames.Describe(SegmentClassifier.Classify(segment)));

    [Theory]
    [InlineData("users")]
    [InlineData("me")]
    [InlineData("export")]
    [InlineData("deadbeef")] // hex letters only: a word
    [InlineData("cafe12")] // too short for hex
    [InlineData("getUserProfileById")] // camel case without digits is not base64
    [InlineData("listAllOrdersByCustomer")]
    [InlineData("release-2024-notes")] // slug
    [InlineData("oauth2")]
    [InlineData("k8s")]
    [InlineData("2026-13-01")] // not a date
    [InlineData("not-an@email")]
    [InlineData("redacted")] // only the sensor's exact marker
    [InlineData("v1")]
    [InlineData("ABCDEFGHJKMNPQRSTVWXYZABCD")] // Crockford alphabet but no digits: not a ULID
    public void Leaves_words_as_words(string segment) =>
        Assert.Equal(ValueClass.None, SegmentClassifier.Classify(segment));

    [Theory]
    [InlineData("v1", true)]
    [InlineData("V2", true)]
    [InlineData("v1.2", true)]
    [InlineData("v2beta1", true)]
    [InlineData("v1alpha", true)]
    [InlineData("v", false)]
    [InlineData("video", false)]
    [InlineData("v1x-2", false)]
    [InlineData("v1.2.3", false)] // a release number is a value, not an API version
    [InlineData("v10_0_1", false)]
    public void Recognises_version_segments(string segment, bool expected) =>
        Assert.Equal(expected, SegmentClassifier.IsVersion(segment));
}
