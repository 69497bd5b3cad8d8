namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// The tracked connections in order of their last packet, least recently seen first: an intrusive doubly linked
/// list through <see cref="TcpConnection.Older"/>/<see cref="TcpConnection.Newer"/>, so moving a connection to
/// the newest end on each segment is a few pointer writes, with no allocation and no search. It serves both
/// the connection-count bound (evict <see cref="Oldest"/>) and the idle timeout (expire from the oldest end
/// until a connection is recent enough), where a table scan would cost O(connections) per capture second.
/// </summary>
internal sealed class ConnectionRecencyList
{
    public TcpConnection? Oldest { get; private set; }

    public TcpConnection? Newest { get; private set; }

    public void AddNewest(TcpConnection connection)
    {
        connection.Older = Newest;
        connection.Newer = null;
        if (Newest is not null)
        {
            Newest.Newer = connection;
        }
        else
        {
            Oldest = connection;
        }
        Newest = connection;
        connection.Listed = true;
    }

    /// <summary>Marks <paramref name="connection"/> as the most recently seen.</summary>
    public void Touch(TcpConnection connection)
    {
        if (ReferenceEquals(connection, Newest))
        {
            return; // the common case on a busy connection: nothing to do
        }
        Remove(connection);
        AddNewest(connection);
    }

    public void Remove(TcpConnection connection)
    {
        if (!connection.Listed)
        {
            return;
        }
        if (connection.Older is not null)
        {
            connection.Older.Newer = connection.Newer;
        }
        else
        {
            Oldest = connection.Newer;
        }
        if (connection.Newer is not null)
        {
            connection.Newer.Older = connection.Older;
        }
        else
        {
            Newest = connection.Older;
        }
        connection.Older = null;
        connection.Newer = null;
        connection.Listed = false;
    }
}
