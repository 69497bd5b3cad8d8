namespace ApiSentinel.Collector.Service.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Builds() => Assert.True(true);
}
