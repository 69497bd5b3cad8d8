using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Pipeline.Runtime;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Pipeline;

public sealed class RuntimePartsTests
{
    [Fact]
    public void The_pipelines_copy_of_the_http_options_has_every_property()
    {
        // Tripwire: a property added to Http1Options must be added to the copy too.
        var original = new Http1Options();
        int value = 7;
        foreach (var property in typeof(Http1Options).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(original, Convert.ChangeType(value++, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }
        var copy = Http1OptionsCopy.Of(original);
        Assert.NotSame(original, copy);
        foreach (var property in typeof(Http1Options).GetProperties().Where(p => p.CanWrite))
        {
            Assert.Equal(property.GetValue(original), property.GetValue(copy));
        }
    }

    [Fact]
    public void Sampling_gives_both_orders_of_a_connections_endpoints_the_same_answer()
    {
        var sampler = new ConnectionSampler();
        int admitted = 0;
        for (ushort port = 20000; port < 21000; port++)
        {
            var a = new NetEndpoint(NetAddress.Parse("192.0.2.10"), port);
            var b = new NetEndpoint(NetAddress.Parse("198.51.100.20"), 443);
            bool forward = sampler.Admits(new ConnectionInfo(1, a, b, 0, handshakeSeen: true), 0.3);
            bool backward = sampler.Admits(new ConnectionInfo(2, b, a, 0, handshakeSeen: false), 0.3);
            Assert.Equal(forward, backward);
            admitted += forward ? 1 : 0;
        }
        Assert.InRange(admitted, 150, 450);
    }

    [Fact]
    public void Samplers_of_one_process_agree_on_every_connection()
    {
        // One pipeline per interface: a connection seen on two interfaces must get one answer, not two draws.
        var first = new ConnectionSampler();
        var second = new ConnectionSampler();
        var server = new NetEndpoint(NetAddress.Parse("198.51.100.20"), 443);
        int admitted = 0;
        for (ushort port = 20000; port < 20200; port++)
        {
            var info = new ConnectionInfo(1, new NetEndpoint(NetAddress.Parse("192.0.2.10"), port), server, 0, true);
            bool answer = first.Admits(info, 0.5);
            Assert.Equal(answer, second.Admits(info, 0.5));
            admitted += answer ? 1 : 0;
        }
        Assert.InRange(admitted, 40, 160);
    }
}
