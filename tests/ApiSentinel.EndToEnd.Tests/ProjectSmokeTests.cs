namespace ApiSentinel.EndToEnd.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Builds() => Assert.True(true);
}
