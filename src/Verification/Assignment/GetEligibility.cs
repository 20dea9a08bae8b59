using System.Globalization;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Assignment;

public sealed record ExclusionView(string Code, string Message);

public sealed record AgencyEligibilityView(Guid AgencyId, string AgencyName, bool Eligible, IReadOnlyList<ExclusionView> Reasons, int Workload, int WorkloadCap);

/// <summary>
/// GET /api/v1/verification/eligibility?enterprise=&amp;year= (drc) — every agency, eligible or not
/// for the enterprise-year, with every reason it is not (in the caller's language), as a draw
/// would see them now.
/// </summary>
public static class GetEligibility
{
    public static async Task<IResult> Handle(HttpContext http, EventLog log, IVerificationSubjects subjects, TimeProvider time, string? enterprise = null, string? year = null)
    {
        var violations = new List<FieldViolation>();
        if (!Guid.TryParse(enterprise, out var enterpriseId))
        {
            violations.Add(new("enterprise", "guid", new LocalizedText("enterprise 须为企业编号（GUID）。", "enterprise is an enterprise id (a GUID).").ToString()));
        }
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var dataYear))
        {
            violations.Add(new("year", "year", new LocalizedText("year 须为数据年度，如 2024。", "year is a data year such as 2024.").ToString()));
        }
        if (violations.Count > 0) return Problems.Validation(violations, http);

        var subject = await subjects.FindAsync(enterpriseId, dataYear, http.RequestAborted);
        if (subject is null) return Problems.NotFound(http);
        var now = time.GetUtcNow();
        var facts = await Assigning.FactsAsync(log, subject, await Assigning.AgenciesAsync(log, http.RequestAborted), now, http.RequestAborted);
        var assignment = await log.Documents.LoadAsync<AgencyAssignment>(AgencyAssignment.StreamId(enterpriseId, dataYear), http.RequestAborted);
        var eligibility = Eligibility.Evaluate(facts, assignment?.Data.DeclinedAgencies ?? new HashSet<Guid>());
        return TypedResults.Ok(new
        {
            enterpriseId, year = dataYear, enterpriseName = subject.NameZh, subject.CreditCode, subject.Industry, subject.ReportStatus,
            assignedAgencyId = assignment?.Data.CurrentAgencyId,
            eligible = Eligibility.Candidates(eligibility),
            agencies = eligibility.Select(e => new AgencyEligibilityView(e.AgencyId, e.AgencyName, e.Eligible,
                [.. e.Exclusions.Select(x => new ExclusionView(x.Code, x.Text.ToString()))], e.Workload, e.WorkloadCap)),
        });
    }
}
