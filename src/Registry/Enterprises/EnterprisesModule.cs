using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Enterprises;

/// <summary>
/// Who is regulated (重点排放单位 / 重点用能单位): enterprises with their facilities and emission
/// sources, the yearly covered list, key-energy-unit tiers, and bulk import.
/// </summary>
public static class EnterprisesModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<EnterpriseRegistered>("enterprise_registered.v1")
            .Register<FacilityAdded>("facility_added.v1")
            .Register<FacilityRenamed>("facility_renamed.v1")
            .Register<FacilityClosed>("facility_closed.v1")
            .Register<EmissionSourceAdded>("emission_source_added.v1")
            .Register<EmissionSourceRenamed>("emission_source_renamed.v1")
            .Register<EmissionSourceClosed>("emission_source_closed.v1")
            .Register<IncludedInCoveredList>("covered_list_included.v1")
            .Register<RemovedFromCoveredList>("covered_list_removed.v1")
            .Register<KeyEnergyUnitTierSet>("key_energy_unit_tier_set.v1");
        store.Documents.Register<Enterprise>("enterprises");
        store.InlineProjections.Add(new EnterpriseProjection());
    }

    public static IEndpointRouteBuilder MapEnterprisesEndpoints(this IEndpointRouteBuilder app)
    {
        var readers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = EnterpriseAccess.ReaderRoles };
        var enterprises = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises");
        enterprises.MapPost("/", RegisterEnterprise.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Register an enterprise (a league/city user: in its own league/city)");
        // No Accepts metadata: routing would answer another content type with a bare 415; the handler answers a problem.
        enterprises.MapPost("/import", ImportEnterprises.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Import enterprises from a text/csv body (UTF-8 or GB18030/GBK): every row valid, or nothing imported");
        enterprises.MapGet("/", ListEnterprises.List).RequireAuthorization(readers)
            .WithSummary("Enterprises the caller may see, filtered by league, industry, covered-list year (covered=2024) and text (q), paged");
        enterprises.MapGet("/{id:guid}", ListEnterprises.Get).RequireAuthorization(readers)
            .WithSummary("One enterprise with its facilities, sources, covered-list years and key-energy-unit tier");

        enterprises.MapGet("/{id:guid}/facilities/{code}", ListEnterprises.GetFacility).RequireAuthorization(readers)
            .WithSummary("One facility of an enterprise");
        enterprises.MapGet("/{id:guid}/sources/{code}", ListEnterprises.GetSource).RequireAuthorization(readers)
            .WithSummary("One emission source of an enterprise");
        enterprises.MapPost("/{id:guid}/facilities", AddFacility.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Add a facility");
        enterprises.MapPost("/{id:guid}/facilities/{code}/rename", ChangeFacilityOrSource.RenameFacility).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Rename a facility");
        enterprises.MapPost("/{id:guid}/facilities/{code}/close", ChangeFacilityOrSource.CloseFacility).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Close a facility and its open emission sources");
        enterprises.MapPost("/{id:guid}/sources", AddEmissionSource.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Add an emission source to a facility");
        enterprises.MapPost("/{id:guid}/sources/{code}/rename", ChangeFacilityOrSource.RenameSource).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Rename an emission source");
        enterprises.MapPost("/{id:guid}/sources/{code}/close", ChangeFacilityOrSource.CloseSource).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Close an emission source");

        enterprises.MapPost("/{id:guid}/covered-list/{year:int}", IncludeInCoveredList.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Include the enterprise in a year's covered list, on emissions (≥ 26,000 tCO2e) or energy (≥ 10,000 tce)");
        enterprises.MapPost("/{id:guid}/covered-list/{year:int}/remove", RemoveFromCoveredList.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Remove the enterprise from a year's covered list, with a reason");
        enterprises.MapPost("/{id:guid}/key-energy-unit", SetKeyEnergyUnitTier.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Set the key-energy-unit tier (qianjia: drc only; wanjia; none) from a year");

        app.MapGet("/api/v1/public/covered-list/{year:int}", PublicCoveredList.Handle).AllowAnonymous().WithTags("Public")
            .WithSummary("A year's covered list (JSON, or CSV with Accept: text/csv)");
        return app;
    }
}
