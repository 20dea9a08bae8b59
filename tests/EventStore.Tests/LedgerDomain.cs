namespace Mrv.EventStore.Tests;

// A small stream kind used by the event store's own tests.
public sealed record LedgerOpened(string LedgerId, string Owner);
public sealed record AmountBooked(string LedgerId, decimal AmountTco2, string Note);
public sealed record LedgerClosed(string LedgerId, string Reason);
public sealed record NotRegistered(string Anything);

public sealed record LedgerState(bool Open, decimal BalanceTco2, int Bookings)
{
    public static readonly LedgerState Empty = new(false, 0m, 0);

    public static LedgerState Evolve(LedgerState state, object @event) => @event switch
    {
        LedgerOpened => state with { Open = true },
        AmountBooked booked => state with { BalanceTco2 = state.BalanceTco2 + booked.AmountTco2, Bookings = state.Bookings + 1 },
        LedgerClosed => state with { Open = false },
        _ => state,
    };

    public static readonly Decider<LedgerState> Decider = new("ledger", Empty, Evolve);
}

public sealed record LedgerSummary(string LedgerId, string Owner, decimal BalanceTco2, int Bookings, bool Open);

/// <summary>Inline: a summary document per ledger stream.</summary>
public sealed class LedgerSummaryProjection : SingleStreamProjection<LedgerSummary>
{
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LedgerOpened), typeof(AmountBooked), typeof(LedgerClosed)];

    protected override LedgerSummary? Apply(LedgerSummary? current, StoredEvent @event) => @event.Data switch
    {
        LedgerOpened opened => new LedgerSummary(opened.LedgerId, opened.Owner, 0m, 0, true),
        AmountBooked booked when booked.Note == "explode" => throw new InvalidOperationException("projection failure requested by the test"),
        AmountBooked booked => current! with { BalanceTco2 = current.BalanceTco2 + booked.AmountTco2, Bookings = current.Bookings + 1 },
        LedgerClosed => current! with { Open = false },
        _ => current,
    };
}
