namespace Mrv.EventStore.Http;

/// <summary>The titles and details of the registry's problem answers, in both languages.</summary>
public static class ProblemText
{
    public static readonly LocalizedText ValidationTitle = new("请求内容有误", "The request is not valid");
    public static readonly LocalizedText ValidationDetail = new("请按各字段的提示更正后重新提交。", "Correct the fields listed and send the request again.");
    public static readonly LocalizedText RuleTitle = new("当前状态不允许此操作", "The rules do not allow this now");
    public static readonly LocalizedText VersionTitle = new("数据已被他人修改", "Somebody else changed this first");
    public static readonly LocalizedText VersionDetail = new(
        "您看到的版本已不是最新版本，请重新读取后再操作。",
        "The version you saw is no longer the latest; read it again and retry.");
    public static readonly LocalizedText NotFoundTitle = new("未找到", "Not found");
    public static readonly LocalizedText NotFoundDetail = new("所请求的对象不存在或您无权查看。", "The requested item does not exist or is not yours to see.");
    public static readonly LocalizedText UnauthorizedTitle = new("需要登录", "Sign-in required");
    public static readonly LocalizedText UnauthorizedDetail = new("请先登录或提供有效的访问令牌。", "Sign in or send a valid access token.");
    public static readonly LocalizedText ForbiddenTitle = new("无权执行此操作", "Not allowed for your role");
    public static readonly LocalizedText ForbiddenDetail = new("您的角色不能执行此操作。", "Your role may not do this.");
    public static readonly LocalizedText TooManyTitle = new("尝试次数过多", "Too many attempts");
    public static readonly LocalizedText IdempotencyTitle = new("幂等键已用于其他请求", "Idempotency key already used");
    public static readonly LocalizedText IdempotencyDetail = new(
        "同一个 Idempotency-Key 只能用于同一个请求；新的请求请使用新的键。",
        "An Idempotency-Key belongs to one request; use a new key for a new request.");
    public static readonly LocalizedText UnavailableTitle = new("服务暂时不可用", "Service temporarily unavailable");
    public static readonly LocalizedText UnavailableDetail = new("数据库暂时无法访问，请稍后重试。", "The database cannot be reached at the moment; retry shortly.");
    public static readonly LocalizedText ErrorTitle = new("服务器内部错误", "Internal server error");
    public static readonly LocalizedText ErrorDetail = new("请求未能完成，已记录错误。", "The request could not be completed; the error was logged.");
    public static readonly LocalizedText MalformedTitle = new("请求格式有误", "The request is malformed");
}
