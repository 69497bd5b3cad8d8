namespace ApiSentinel.Sensor.Reassembly;

/// <summary>Creates the handler of each new connection (the application-protocol parser).</summary>
public interface ITcpStreamHandlerFactory
{
    ITcpStreamHandler Create(ConnectionInfo connection);
}
