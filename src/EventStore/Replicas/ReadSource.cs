using Npgsql;

namespace Mrv.EventStore;

/// <summary>
/// Where the read-model queries of the current request go. Only <see cref="EventLog.Documents"/>
/// follows it; appends, transactions, stream reads and the daemon always use the primary. Nothing
/// sets it unless a replica is configured, so a single-server registry reads everything from the primary.
/// </summary>
public sealed class ReadSource
{
    readonly AsyncLocal<NpgsqlDataSource?> current = new();

    /// <summary>The data source chosen for this request (its async flow), or null for the primary.</summary>
    public NpgsqlDataSource? Current
    {
        get => current.Value;
        set => current.Value = value;
    }
}
