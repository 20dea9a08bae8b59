using Microsoft.AspNetCore.Authorization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Allowances.Offsets;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Allowances.Surrender;
using Mrv.Registry.Allowances.Transfers;
using Mrv.Registry.DualControl;

namespace Mrv.Registry.Allowances;

/// <summary>
/// The carbon market's side of the registry (DESIGN.md §7): allowance accounts, allocation, transfers
/// and CCER offsets, surrender, compliance status and penalties — every movement guarded by
/// <see cref="MovementSecurityFilter"/> and written through the <see cref="Ledger"/>.
/// </summary>
public static class AllowancesModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<AllowanceAccountOpened>("allowance_account_opened.v1")
            .Register<AllowanceAccountFrozen>("allowance_account_frozen.v1")
            .Register<AllowanceAccountUnfrozen>("allowance_account_unfrozen.v1")
            .Register<AllowanceAccountClosed>("allowance_account_closed.v1")
            .Register<TrustedAccountAdded>("trusted_account_added.v1")
            .Register<TrustedAccountRemoved>("trusted_account_removed.v1")
            .Register<AllocationIssued>("allocation_issued.v1")
            .Register<RecoveryReceived>("allocation_recovery_received.v1")
            .Register<AllowancesTransferredOut>("allowances_transferred_out.v1")
            .Register<AllowancesTransferredIn>("allowances_transferred_in.v1")
            .Register<OutgoingTransferSettled>("outgoing_transfer_settled.v1")
            .Register<OutgoingTransferReturned>("outgoing_transfer_returned.v1")
            .Register<OffsetsDeposited>("offsets_deposited.v1")
            .Register<AllowancesSurrendered>("allowances_surrendered.v1")
            .Register<SurrenderReversed>("surrender_reversed.v1")
            .Register<TransferRequested>("transfer_requested.v1")
            .Register<TransferApproved>("transfer_approved.v1")
            .Register<TransferInitiated>("transfer_initiated.v1")
            .Register<TransferCompleted>("transfer_completed.v1")
            .Register<TransferCancelled>("transfer_cancelled.v1")
            .Register<IntensityBenchmarkSet>("intensity_benchmark_set.v1")
            .Register<AllocationTableComputed>("allocation_table_computed.v1")
            .Register<AllocationTableSubmitted>("allocation_table_submitted.v1")
            .Register<AllocationTableApproved>("allocation_table_approved.v1")
            .Register<AllocationTableRejected>("allocation_table_rejected.v1")
            .Register<PenaltyCaseOpened>("penalty_case_opened.v1")
            .Register<PenaltyMarketPriceRecorded>("penalty_market_price_recorded.v1")
            .Register<PenaltyFineDecided>("penalty_fine_decided.v1");
        store.Documents
            .Register<AllowanceAccount>("allowance_accounts")
            .Register<Transfer>("allowance_transfers", filtered: true)
            .Register<AllocationTable>("allocation_tables")
            .Register<PenaltyCase>("penalty_cases")
            .Register<ComplianceRecord>("compliance_records");
        store.InlineProjections.Add(new FoldedStateProjection<AllowanceAccount>(AllowanceAccount.Decider, [.. AllowanceAccount.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<Transfer>(Transfer.Decider, [.. Transfer.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<AllocationTable>(AllocationTable.Decider, [.. AllocationTable.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<PenaltyCase>(PenaltyCase.Decider, [.. PenaltyCase.EventTypes]));
        store.AsyncProjections.Add(new ComplianceProjection());
    }

    public static IServiceCollection AddMrvAllowances(this IServiceCollection services)
    {
        services.AddSingleton<Ledger>();
        services.AddSingleton<AllowanceJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<AllowanceJobs>());
        return services;
    }

    public static IEndpointRouteBuilder MapAllowancesEndpoints(this IEndpointRouteBuilder app)
    {
        var readers = new AuthorizeAttribute { Roles = AccountAccess.ReaderRoles };
        var movers = new AuthorizeAttribute { Roles = AccountAccess.MoverRoles };
        var allowances = app.MapGroup("/api/v1/allowances").WithTags("Allowances");

        var accounts = allowances.MapGroup("/accounts");
        accounts.MapGet("/", GetAccounts.List).RequireAuthorization(readers)
            .WithSummary("Allowance accounts the caller may see (drc: all; league: its enterprises'; enterprise: its own)");
        accounts.MapGet("/{id:guid}", GetAccounts.Get).RequireAuthorization(readers)
            .WithSummary("One account: holdings by vintage, offsets, trusted list, pending transfers, allocations, surrenders");
        accounts.MapPost("/open", OpenAccounts.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Open the accounts of a year's covered list (and the province's); idempotent");
        accounts.MapPost("/{id:guid}/freeze", ChangeAccountStatus.Freeze).RequireAuthorization(Policies.Drc)
            .WithSummary("Freeze an account with a reason (e.g. a judicial order): credits arrive, nothing leaves");
        accounts.MapPost("/{id:guid}/unfreeze", ChangeAccountStatus.Unfreeze).RequireAuthorization(Policies.Drc)
            .WithSummary("Lift a freeze, with a reason");
        accounts.MapPost("/{id:guid}/close", ChangeAccountStatus.Close).RequireAuthorization(Policies.Drc)
            .WithSummary("Close an empty account, with a reason");
        accounts.MapPost("/{id:guid}/trusted", TrustedAccounts.Add).RequireAuthorization(movers).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Put an account on the trusted list (transfers to it settle without the 26-hour delay)");
        accounts.MapDelete("/{id:guid}/trusted/{other:guid}", TrustedAccounts.Remove).RequireAuthorization(movers).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Take an account off the trusted list");
        accounts.MapPost("/{id:guid}/offsets", DepositOffsets.Handle).RequireAuthorization(Policies.Drc).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Deposit CCER offsets with their project reference");
        accounts.MapPost("/{id:guid}/surrenders", SurrenderAllowances.Surrender).RequireAuthorization(movers).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Surrender allowances (vintages up to the year after) and CCERs (≤ 5% of the obligation) for a compliance year");
        accounts.MapPost("/{id:guid}/surrenders/{surrenderId:guid}/reverse", SurrenderAllowances.Reverse).RequireAuthorization(Policies.Drc)
            .AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Reverse a surrender within 14 days, with a reason");

        var transfers = allowances.MapGroup("/transfers");
        transfers.MapPost("/", StartTransfer.Handle).RequireAuthorization(movers).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Transfer allowances of a vintage (trade settlement, or an administrative transfer that a second DRC user approves)");
        transfers.MapGet("/", GetTransfers.List).RequireAuthorization(readers)
            .WithSummary("Transfers in and out of an account (drc: all when no account is named)");
        transfers.MapGet("/{id:guid}", GetTransfers.Get).RequireAuthorization(readers)
            .WithSummary("One transfer, completed first when its 26 hours are over");
        transfers.MapPost("/{id:guid}/approve", ReviewTransfer.Approve).RequireAuthorization(Policies.Drc).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Approve an administrative transfer (not one's own request)");
        transfers.MapPost("/{id:guid}/cancel", ReviewTransfer.Cancel).RequireAuthorization(movers).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Cancel a transfer within its 26 hours, or an administrative request before approval");

        allowances.MapGet("/benchmarks/{year:int}", SetIntensityBenchmark.Get).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("The intensity benchmarks (tCO2 per tonne of product) of an allocation year");
        allowances.MapPut("/benchmarks/{year:int}/{product}", SetIntensityBenchmark.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Set a product's intensity benchmark for an allocation year, with its source");

        var tables = allowances.MapGroup("/allocation-tables").RequireAuthorization(Policies.Drc);
        tables.MapPost("/", ComputeAllocation.Handle)
            .WithSummary("Compute a year's allocation table (power benchmarks or intensity benchmarks) for review");
        tables.MapPost("/upload", UploadAllocation.Handle)
            .WithSummary("Upload an allocation table computed elsewhere (text/csv: credit_code, quantity[, cap_rule, note]); all rows or none");
        tables.MapGet("/", GetAllocationTables.List).WithSummary("Allocation tables, by year and status");
        tables.MapGet("/{id:guid}", GetAllocationTables.Get).WithSummary("One allocation table with every entry's formula and the problems");
        tables.MapPost("/{id:guid}/submit", ReviewAllocation.Submit).WithSummary("Submit a computed table for approval");
        tables.MapPost("/{id:guid}/approve", ReviewAllocation.Approve).AddEndpointFilter<MovementSecurityFilter>()
            .WithSummary("Approve a table as the second DRC user: its allocations are issued to the accounts");
        tables.MapPost("/{id:guid}/reject", ReviewAllocation.Reject).WithSummary("Reject a table, with a reason");

        var compliance = app.MapGroup("/api/v1/compliance").WithTags("Compliance");
        compliance.MapGet("/{year:int}", ComplianceBoard.Board).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("The compliance board of a year: obligation, surrendered, offsets, shortfall and status per enterprise");
        compliance.MapPost("/{year:int}/penalty-cases", OpenPenaltyCases.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("After the deadline: open a penalty case for every shortfall (the daily job does the same)");
        var penalties = app.MapGroup("/api/v1/penalty-cases").WithTags("Compliance");
        penalties.MapGet("/", DecidePenalty.List).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("A year's penalty cases (drc: all; league: its own)");
        penalties.MapGet("/{enterpriseId:guid}/{year:int}", DecidePenalty.Get).RequireAuthorization(readers)
            .WithSummary("One penalty case: shortfall, price of the month before the deadline, fine range and decided fine");
        penalties.MapPost("/{enterpriseId:guid}/{year:int}/market-price", DecidePenalty.RecordPrice).RequireAuthorization(Policies.Drc)
            .WithSummary("Record the average market price of the month before the deadline");
        penalties.MapPost("/{enterpriseId:guid}/{year:int}/fine", DecidePenalty.DecideFine).RequireAuthorization(Policies.Drc)
            .WithSummary("Decide the fine within 5–10 × price × shortfall");

        app.MapGet("/api/v1/public/compliance/{year:int}", ComplianceBoard.Public).AllowAnonymous().WithTags("Public")
            .WithSummary("Each covered enterprise's compliance status, published after the year's surrender deadline");
        return app;
    }
}
