using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Allowances.Transfers;
using static Mrv.Registry.Portal.PortalText;

namespace Mrv.Registry.Portal;

/// <summary>The carbon market's codes as the portal shows them, in the visitor's language, and the badge colour of each status.</summary>
public static class AllowanceLabels
{
    public static string Compliance(string status) => status switch
    {
        ComplianceStatuses.Compliant => T("已履约", "Compliant"),
        ComplianceStatuses.Shortfall => T("未足额清缴", "Shortfall"),
        ComplianceStatuses.NotYetDetermined => T("排放量未核定", "Not yet determined"),
        ComplianceStatuses.Excluded => T("已移出名录", "Excluded"),
        _ => status,
    };

    public static string ComplianceColour(string status) => status switch
    {
        ComplianceStatuses.Compliant => "green",
        ComplianceStatuses.Shortfall => "red",
        ComplianceStatuses.NotYetDetermined => "yellow",
        _ => "",
    };

    public static string TableStatus(string status) => status switch
    {
        AllocationTableStatuses.Computed => T("已计算，待提交", "Computed, not submitted"),
        AllocationTableStatuses.PendingApproval => T("待审批", "Awaiting approval"),
        AllocationTableStatuses.Issued => T("已批准并发放", "Approved and issued"),
        AllocationTableStatuses.Rejected => T("已退回", "Rejected"),
        _ => status,
    };

    public static string TableColour(string status) => status switch
    {
        AllocationTableStatuses.Issued => "green",
        AllocationTableStatuses.PendingApproval => "yellow",
        AllocationTableStatuses.Rejected => "red",
        _ => "",
    };

    public static string Phase(string phase) => phase switch
    {
        AllocationPhases.PreAllocation => T("预分配", "Pre-allocation"),
        AllocationPhases.Final => T("核定分配", "Final allocation"),
        _ => phase,
    };

    public static string Method(string method) => method switch
    {
        AllocationMethods.PowerBenchmark => T("发电行业基准法", "Power benchmarks"),
        AllocationMethods.Intensity => T("强度基准法", "Intensity benchmarks"),
        AllocationMethods.Upload => T("上传分配表", "Uploaded table"),
        _ => method,
    };

    public static string PowerCategory(string category) => category switch
    {
        PowerCategories.Coal300MwPlus => T("300MW 等级以上常规燃煤机组", "Conventional coal, 300 MW and above"),
        PowerCategories.Coal300MwMinus => T("300MW 等级及以下常规燃煤机组", "Conventional coal, below 300 MW"),
        PowerCategories.CoalUnconventional => T("燃煤矸石、煤泥、水煤浆等非常规燃煤机组", "Unconventional coal (gangue, slime, slurry)"),
        PowerCategories.Gas => T("燃气机组", "Gas"),
        _ => category,
    };

    public static string Cooling(string cooling) => cooling switch
    {
        CoolingTypes.Water => T("水冷", "Water-cooled"),
        CoolingTypes.Air => T("空冷", "Air-cooled"),
        _ => cooling,
    };

    public static string TransferKind(string kind) => kind switch
    {
        TransferKinds.Trade => T("交易结算", "Trade settlement"),
        TransferKinds.Administrative => T("行政划转", "Administrative transfer"),
        _ => kind,
    };

    public static string TransferStatus(string status) => status switch
    {
        TransferStatuses.PendingApproval => T("待审批", "Awaiting approval"),
        TransferStatuses.Delayed => T("等待生效，可撤销", "Waiting, can be cancelled"),
        TransferStatuses.Completed => T("已完成", "Completed"),
        TransferStatuses.Cancelled => T("已撤销", "Cancelled"),
        _ => status,
    };

    public static string PenaltyStatus(string status) => status switch
    {
        PenaltyStatuses.Opened => T("已立案", "Opened"),
        PenaltyStatuses.PriceRecorded => T("已登记市场价格", "Price recorded"),
        PenaltyStatuses.FineDecided => T("已决定罚款", "Fine decided"),
        _ => status,
    };

    public static string AccountStatus(string status) => status switch
    {
        AccountStatuses.Open => T("正常", "Open"),
        AccountStatuses.Frozen => T("冻结", "Frozen"),
        AccountStatuses.Closed => T("已注销", "Closed"),
        _ => status,
    };

    /// <summary>Whole allowances or tonnes with thousands separators; "—" for none.</summary>
    public static string Tonnes(long? value) => value is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
