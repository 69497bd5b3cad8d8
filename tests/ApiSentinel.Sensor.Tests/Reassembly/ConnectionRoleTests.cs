using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using static ApiSentinel.Sensor.Tests.Reassembly.ReassemblyHarness;

namespace ApiSentinel.Sensor.Tests.Reassembly;

public sealed class ConnectionRoleTests
{
    [Fact]
    public void Syn_sender_is_the_client()
    {
        var harness = new ReassemblyHarness();
        harness.Handshake();

        ConnectionInfo info = Assert.Single(harness.Handlers).Connection;
        Assert.Equal(Client, info.Client);
        Assert.Equal(Server, info.Server);
        Assert.True(info.HandshakeSeen);
        Assert.Equal(1, info.Id);
        Assert.Equal(harness.Now, info.StartMicros);
        Assert.Equal(0, harness.Counters.MidStreamPickups);
    }

    [Fact]
    public void Syn_ack_sender_is_the_server_when_the_syn_was_missed()
    {
        var harness = new ReassemblyHarness();
        harness.Send(Server, Client, 5000, TcpFlags.Syn | TcpFlags.Ack, acknowledgment: 1001);
        harness.FromClient(1001, "GET /");
        harness.FromServer(5001, "HTTP/1.1");

        ConnectionInfo info = harness.Last.Connection;
        Assert.Equal(Client, info.Client);
        Assert.True(info.HandshakeSeen);
        Assert.Equal("GET /", harness.Last.Text(FlowDirection.ClientToServer));
        Assert.Equal("HTTP/1.1", harness.Last.Text(FlowDirection.ServerToClient));
        Assert.Equal(0, harness.Counters.MidStreamPickups);
    }

    [Fact]
    public void Mid_stream_pickup_guesses_the_server_from_the_port_and_starts_at_the_first_byte()
    {
        var harness = new ReassemblyHarness();
        // The first packet seen is the server's response, sent from port 80.
        harness.FromServer(777_000, "HTTP/1.1 200 OK");
        harness.FromClient(123_456, "GET /next");

        RecordingStreamHandler handler = Assert.Single(harness.Handlers);
        Assert.Equal(Client, handler.Connection.Client);
        Assert.Equal(Server, handler.Connection.Server);
        Assert.False(handler.Connection.HandshakeSeen);
        Assert.Equal(1, harness.Counters.MidStreamPickups);
        Assert.Equal("HTTP/1.1 200 OK", handler.Text(FlowDirection.ServerToClient));
        Assert.Equal("GET /next", handler.Text(FlowDirection.ClientToServer));
    }

    [Theory]
    [InlineData(50123, 80, true)]
    [InlineData(80, 50123, false)]
    [InlineData(40000, 8080, true)]
    [InlineData(8443, 51000, false)]
    [InlineData(5000, 4000, false)]  // 5000 is on the known list: known beats lower
    [InlineData(2000, 3000, true)]   // 3000 is known although 2000 is lower
    [InlineData(40000, 30000, true)] // neither known: the lower port
    [InlineData(30000, 40000, false)]
    [InlineData(443, 80, true)]      // both well-known: the lower port
    [InlineData(1234, 1234, true)]   // tie: the destination
    public void Server_port_heuristic(int sourcePort, int destinationPort, bool destinationIsServer)
    {
        Assert.Equal(destinationIsServer, ServerRoleHeuristic.DestinationIsServer((ushort)sourcePort, (ushort)destinationPort));
    }

    [Fact]
    public void Connection_ids_follow_the_order_of_first_packets_and_either_direction_finds_the_connection()
    {
        var harness = new ReassemblyHarness();
        var otherClient = new NetEndpoint(NetAddress.Parse("192.0.2.11"), 40000);
        harness.Handshake();
        harness.Send(otherClient, Server, 9, TcpFlags.Syn);
        harness.FromServer(5001, "reply");

        Assert.Equal(2, harness.Handlers.Count);
        Assert.Equal(1, harness.Handlers[0].Connection.Id);
        Assert.Equal(2, harness.Handlers[1].Connection.Id);
        Assert.Equal("reply", harness.Handlers[0].Text(FlowDirection.ServerToClient));
        Assert.Equal(2, harness.Counters.Connections);
        Assert.Equal(2, harness.Counters.ActiveConnections);
    }

    [Fact]
    public void Segments_without_payload_or_syn_do_not_open_connections()
    {
        var harness = new ReassemblyHarness();
        harness.Send(Client, Server, 1, TcpFlags.Ack, acknowledgment: 2);
        harness.Send(Client, Server, 1, TcpFlags.Fin | TcpFlags.Ack, acknowledgment: 2);
        harness.Send(Client, Server, 1, TcpFlags.Rst, [1, 2, 3]);

        Assert.Empty(harness.Handlers);
        Assert.Equal(3, harness.Counters.Segments);
        Assert.Equal(0, harness.Counters.Connections);
    }

    [Fact]
    public void IPv6_endpoints_work_as_keys()
    {
        var harness = new ReassemblyHarness();
        var client = new NetEndpoint(NetAddress.Parse("2001:db8::1"), 50000);
        var server = new NetEndpoint(NetAddress.Parse("2001:db8::2"), 443);
        harness.Send(client, server, 10, TcpFlags.Syn);
        harness.Send(server, client, 20, TcpFlags.Syn | TcpFlags.Ack, acknowledgment: 11);
        harness.Send(server, client, 21, TcpFlags.Psh, "hi"u8.ToArray());

        RecordingStreamHandler handler = Assert.Single(harness.Handlers);
        Assert.Equal("hi", handler.Text(FlowDirection.ServerToClient));
    }
}
