namespace ApiSentinel.Sensor.Daemon.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Builds() => Assert.True(true);
}
