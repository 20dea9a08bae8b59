using Mrv.EventStore;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal;

/// <summary>An enterprise's engagements as its pages show them, read through the API's own handlers.</summary>
public static class VerificationOf
{
    /// <summary>Every engagement on the enterprise the caller may see, the latest year first.</summary>
    public static async Task<IReadOnlyList<EngagementView>> EnterpriseAsync(HttpContext http, EventLog log, IVerificationSubjects subjects, TimeProvider time, Guid enterpriseId)
    {
        var list = await PortalReads.GetAsync<EngagementPage>(http, () =>
            ListEngagements.List(http, log, subjects, time, null, null, null, enterpriseId, null, 1, ListEngagements.MaxPageSize));
        var views = new List<EngagementView>();
        foreach (var item in (list?.Items ?? []).OrderByDescending(i => i.Year))
        {
            if (await PortalReads.GetAsync<EngagementView>(http, () => ListEngagements.Get(item.Id, http, log, subjects, time)) is { } view) views.Add(view);
        }
        return views;
    }
}
