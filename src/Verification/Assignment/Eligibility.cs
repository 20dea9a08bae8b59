using System.Globalization;
using Mrv.EventStore;
using Mrv.Verification.Agencies;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Assignment;

/// <summary>Why an agency may not verify an enterprise-year; an agency can have several.</summary>
public static class ExclusionCodes
{
    /// <summary>Its scope does not cover the enterprise's industry.</summary>
    public const string Scope = "scope";
    public const string Suspended = "suspended";
    public const string Blacklisted = "blacklisted";
    /// <summary>It consulted for the enterprise or prepared its reports within the last five years.</summary>
    public const string Consultancy = "consultancy";
    /// <summary>It belongs to the same group (集团) as the enterprise.</summary>
    public const string SameGroup = "same_group";
    /// <summary>It verified the enterprise in each of the six years before.</summary>
    public const string ConsecutiveYears = "consecutive_years";
    /// <summary>It already has as many engagements in the year as its cap allows.</summary>
    public const string WorkloadCap = "workload_cap";
    /// <summary>It declined this enterprise-year before.</summary>
    public const string Declined = "declined";

    public static readonly IReadOnlyList<string> All = [Scope, Suspended, Blacklisted, Consultancy, SameGroup, ConsecutiveYears, WorkloadCap, Declined];
}

public sealed record Exclusion(string Code, LocalizedText Text);

public sealed record AgencyEligibility(Guid AgencyId, string AgencyName, bool Eligible, IReadOnlyList<Exclusion> Exclusions, int Workload, int WorkloadCap);

/// <param name="EarlierAgencies">The agency that verified the enterprise, by earlier year (declined assignments do not count).</param>
/// <param name="Workload">Engagements each agency holds in the subject's year.</param>
public sealed record EligibilityFacts(
    VerificationSubject Subject, IReadOnlyList<Agency> Agencies, IReadOnlyDictionary<int, Guid> EarlierAgencies,
    IReadOnlyDictionary<Guid, int> Workload, DateOnly Today);

/// <summary>
/// Which agencies may verify an enterprise-year (DESIGN.md, "The annual cycle" §6): scope covers the
/// industry; not suspended or blacklisted; no conflict of interest (consulting or report preparation
/// for the enterprise within five years, or the same group); not the same agency for more than six
/// consecutive years; under its workload cap; and, after a decline, not the agency that declined.
/// Every reason that applies is listed, so the answer explains itself.
/// </summary>
public static class Eligibility
{
    public const int ConsultancyYears = 5;
    public const int MaxConsecutiveYears = 6;

    public static IReadOnlyList<AgencyEligibility> Evaluate(EligibilityFacts facts, IReadOnlySet<Guid> declined) =>
        [.. facts.Agencies.OrderBy(a => a.NameZh, StringComparer.Ordinal).ThenBy(a => a.Id).Select(agency => Of(agency, facts, declined))];

    /// <summary>The eligible agencies as the draw records them: ids in their "D" form, sorted ordinally.</summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<AgencyEligibility> eligibility) =>
        [.. eligibility.Where(e => e.Eligible).Select(e => CandidateOf(e.AgencyId)).Order(StringComparer.Ordinal)];

    public static string CandidateOf(Guid agencyId) => agencyId.ToString("D");

    static AgencyEligibility Of(Agency agency, EligibilityFacts facts, IReadOnlySet<Guid> declined)
    {
        var subject = facts.Subject;
        var exclusions = new List<Exclusion>();
        if (!agency.Scopes.Contains(subject.Industry))
        {
            exclusions.Add(new(ExclusionCodes.Scope, new(
                $"业务范围（{string.Join("、", agency.Scopes)}）不含该企业所属行业 {subject.Industry}。",
                $"Its scope ({string.Join(", ", agency.Scopes)}) does not cover the enterprise's industry, {subject.Industry}.")));
        }
        switch (agency.StatusOn(facts.Today))
        {
            case AgencyStatuses.Blacklisted:
                var b = agency.Blacklisting!;
                exclusions.Add(new(ExclusionCodes.Blacklisted, new(
                    $"已列入黑名单（{b.Decision}），{(b.Until is { } until ? $"至 {Day(until)}" : "终身")}。",
                    $"Blacklisted ({b.Decision}), {(b.Until is { } end ? $"until {Day(end)}" : "for life")}.")));
                break;
            case AgencyStatuses.Suspended:
                var s = agency.Suspension!;
                exclusions.Add(new(ExclusionCodes.Suspended, new(
                    $"暂停业务至 {Day(s.Until)}：{s.Reason}", $"Suspended until {Day(s.Until)}: {s.Reason}")));
                break;
        }
        var windowStart = facts.Today.AddYears(-ConsultancyYears);
        foreach (var service in agency.Consultancy.Where(r => r.EnterpriseCreditCode == subject.CreditCode && r.From <= facts.Today && (r.To ?? facts.Today) >= windowStart))
        {
            var period = $"{Day(service.From)}–{(service.To is { } to ? Day(to) : "")}";
            exclusions.Add(new(ExclusionCodes.Consultancy, new(
                $"{period} 曾为该企业提供{(service.Service == ConsultancyServices.ReportPreparation ? "排放报告编制" : "碳排放咨询")}服务（{ConsultancyYears} 年内存在利益冲突）。",
                $"It gave the enterprise {(service.Service == ConsultancyServices.ReportPreparation ? "report preparation" : "consulting")} in {period} (a conflict of interest for {ConsultancyYears} years).")));
        }
        if (agency.Group is { } group && group.CreditCodes.Contains(subject.CreditCode))
        {
            exclusions.Add(new(ExclusionCodes.SameGroup, new(
                $"与该企业同属 {group.GroupName}（利益冲突）。", $"It belongs to the same group as the enterprise, {group.GroupName} (a conflict of interest).")));
        }
        var earlier = Enumerable.Range(1, MaxConsecutiveYears).Select(back => subject.Year - back).ToList();
        if (earlier.All(year => facts.EarlierAgencies.TryGetValue(year, out var id) && id == agency.Id))
        {
            exclusions.Add(new(ExclusionCodes.ConsecutiveYears, new(
                $"已连续 {MaxConsecutiveYears} 年（{earlier[^1]}–{earlier[0]}）核查该企业。",
                $"It verified the enterprise in each of the {MaxConsecutiveYears} years before ({earlier[^1]}–{earlier[0]}).")));
        }
        var workload = facts.Workload.GetValueOrDefault(agency.Id);
        if (workload >= agency.WorkloadCap)
        {
            exclusions.Add(new(ExclusionCodes.WorkloadCap, new(
                $"{subject.Year} 年度已承接 {workload} 项核查，达到上限 {agency.WorkloadCap}。",
                $"It holds {workload} engagements for {subject.Year}, its cap of {agency.WorkloadCap}.")));
        }
        if (declined.Contains(agency.Id))
        {
            exclusions.Add(new(ExclusionCodes.Declined, new(
                $"已拒绝该企业 {subject.Year} 年度的核查任务。", $"It declined this enterprise's {subject.Year} engagement.")));
        }
        return new AgencyEligibility(agency.Id, agency.NameZh, exclusions.Count == 0, exclusions, workload, agency.WorkloadCap);
    }

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
