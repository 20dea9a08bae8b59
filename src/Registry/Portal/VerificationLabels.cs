namespace Mrv.Registry.Portal;

/// <summary>What the verification module's codes read as on the portal's pages, in the visitor's language (an unknown code reads as itself).</summary>
public static class VerificationLabels
{
    static readonly Dictionary<string, Dictionary<string, (string Zh, string En)>> Groups = new()
    {
        ["engagement_status"] = new()
        {
            ["assigned"] = ("待接受", "Assigned"),
            ["declined"] = ("已拒绝", "Declined"),
            ["accepted"] = ("已接受", "Accepted"),
            ["planned"] = ("核查中", "Under way"),
            ["opinion_issued"] = ("已出具结论", "Opinion issued"),
            ["signed"] = ("已签发", "Signed"),
        },
        ["finding_status"] = new()
        {
            ["open"] = ("待企业答复", "Awaiting the answer"),
            ["answered"] = ("企业已答复", "Answered"),
            ["escalated"] = ("已上报主管部门", "Escalated to the DRC"),
            ["closed"] = ("已关闭", "Closed"),
        },
        ["opinion"] = new()
        {
            ["pass"] = ("通过", "Pass"),
            ["qualified"] = ("保留意见", "Qualified"),
            ["adverse"] = ("否定意见", "Adverse"),
        },
        ["method"] = new()
        {
            ["draw"] = ("双随机抽取", "Random draw"),
            ["direct"] = ("直接指定", "Direct assignment"),
        },
        ["agency_status"] = new()
        {
            ["active"] = ("正常", "Active"),
            ["suspended"] = ("暂停", "Suspended"),
            ["blacklisted"] = ("列入黑名单", "Blacklisted"),
        },
        ["signature_role"] = new()
        {
            ["lead"] = ("核查组长", "Lead verifier"),
            ["reviewer"] = ("技术复核人", "Technical reviewer"),
        },
        ["qualification"] = new()
        {
            ["verifier"] = ("核查员", "Verifier"),
            ["lead_verifier"] = ("核查组长", "Lead verifier"),
            ["technical_reviewer"] = ("技术复核人", "Technical reviewer"),
        },
        ["blacklist_period"] = new()
        {
            ["five_years"] = ("五年", "Five years"),
            ["lifetime"] = ("终身", "Lifetime"),
        },
        ["batch_outcome"] = new()
        {
            ["assigned"] = ("已抽取", "Drawn"),
            ["already_assigned"] = ("此前已分配", "Already assigned"),
            ["not_assigned"] = ("未能分配", "Not assigned"),
        },
        ["determination_basis"] = new()
        {
            ["accepted"] = ("采纳核查数据", "Verified figures accepted"),
            ["overridden"] = ("调整核定", "Overridden"),
        },
        ["step"] = new()
        {
            ["assigned"] = ("分配", "Assigned"),
            ["accepted"] = ("接受任务", "Accepted"),
            ["declined"] = ("拒绝任务", "Declined"),
            ["planned"] = ("组建核查组", "Team planned"),
            ["documents_reviewed"] = ("文件评审", "Documents reviewed"),
            ["site_visited"] = ("现场核查", "Site visited"),
            ["finding_raised"] = ("提出不符合项", "Finding raised"),
            ["finding_answered"] = ("企业答复", "Finding answered"),
            ["finding_closed"] = ("关闭不符合项", "Finding closed"),
            ["finding_escalated"] = ("上报不符合项", "Finding escalated"),
            ["opinion_issued"] = ("出具核查结论", "Opinion issued"),
            ["signed"] = ("签字", "Signed"),
            ["signed_off"] = ("签发完成", "Signed off"),
            ["selected_for_spot_check"] = ("抽中复查", "Selected for a spot check"),
        },
    };

    public static string Of(string group, string? code)
    {
        if (code is null) return "";
        return Groups.TryGetValue(group, out var labels) && labels.TryGetValue(code, out var label) ? PortalText.T(label.Zh, label.En) : code;
    }

    /// <summary>The badge colour of an engagement status: done, waiting on someone, or stopped.</summary>
    public static string BadgeOf(string status) => status switch
    {
        "signed" => "green",
        "declined" => "red",
        "assigned" or "opinion_issued" => "yellow",
        _ => "",
    };
}
