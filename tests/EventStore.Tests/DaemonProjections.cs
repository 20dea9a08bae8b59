namespace Mrv.EventStore.Tests;

/// <summary>One document per applied event: how many times it was applied, and by which node.</summary>
public sealed record AppliedEvent(long SeqId, string StreamId, int Applications, IReadOnlyList<string> AppliedBy);

public sealed class AppliedEventsProjection(string node) : DocumentPerKeyProjection<AppliedEvent>
{
    public override string Name => "applied_events";
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(AmountBooked)];

    protected override string? KeyFor(StoredEvent @event) => @event.Id.ToString();

    protected override AppliedEvent? Apply(AppliedEvent? current, StoredEvent @event) =>
        current is null
            ? new AppliedEvent(@event.SeqId, @event.StreamId, 1, [node])
            : current with { Applications = current.Applications + 1, AppliedBy = [.. current.AppliedBy, node] };
}

/// <summary>A balance per ledger across its bookings; refuses "poison" bookings until healed.</summary>
public sealed record LedgerBalance(string LedgerId, decimal BalanceTco2, int Bookings, DateTimeOffset LastBookedAt);

public sealed class LedgerBalanceProjection : DocumentPerKeyProjection<LedgerBalance>
{
    /// <summary>Set by a test to let poison bookings through (the fix was deployed).</summary>
    public bool Healed { get; set; }

    /// <summary>Set by a test to slow each batch down (to watch a rebuild in progress).</summary>
    public TimeSpan DelayPerBatch { get; set; }

    public override string Name => "ledger_balances";
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(AmountBooked)];

    public override async Task ApplyAsync(DocumentSession session, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        if (DelayPerBatch > TimeSpan.Zero) await Task.Delay(DelayPerBatch, ct);
        await base.ApplyAsync(session, events, ct);
    }

    protected override string? KeyFor(StoredEvent @event) => ((AmountBooked)@event.Data).LedgerId;

    protected override LedgerBalance? Apply(LedgerBalance? current, StoredEvent @event)
    {
        var booked = (AmountBooked)@event.Data;
        if (booked.Note == "poison" && !Healed) throw new InvalidOperationException($"cannot book {booked.AmountTco2} on {booked.LedgerId}");
        var balance = current ?? new LedgerBalance(booked.LedgerId, 0m, 0, @event.RecordedAt);
        return balance with { BalanceTco2 = balance.BalanceTco2 + booked.AmountTco2, Bookings = balance.Bookings + 1, LastBookedAt = @event.RecordedAt };
    }
}
