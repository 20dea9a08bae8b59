using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Auth;

public sealed record CreateUserRequest(string Username, string Password, string Role, string? LeagueCode, Guid? EnterpriseId, Guid? AgencyId);

public sealed record UserView(string Username, string Role, ScopeView Scope, DateTimeOffset? CreatedAt = null, string? CreatedBy = null);

public sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().Matches("^[a-z0-9][a-z0-9._-]{2,63}$").WithErrorCode("username_format")
            .WithMessage(_ => new LocalizedText(
                "用户名须为 3–64 位小写字母、数字或 . _ -，并以字母或数字开头。",
                "A username is 3–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.").ToString());
        RuleFor(r => r.Password).NotEmpty().Length(8, 128);
        RuleFor(r => r.Password).Must((r, password) => !string.Equals(password, r.Username, StringComparison.OrdinalIgnoreCase))
            .When(r => !string.IsNullOrEmpty(r.Password)).WithErrorCode("password_is_username")
            .WithMessage(_ => new LocalizedText("密码不能与用户名相同。", "The password may not be the username.").ToString());
        RuleFor(r => r.Role).NotEmpty().Must(role => Roles.All.Contains(role)).WithErrorCode("role_unknown")
            .WithMessage(_ => new LocalizedText(
                $"角色须为以下之一：{string.Join("、", Roles.All)}。", $"The role must be one of: {string.Join(", ", Roles.All)}.").ToString());

        RuleFor(r => r.LeagueCode).NotEmpty().When(r => r.Role == Roles.League).WithErrorCode("required_for_role")
            .WithMessage(_ => new LocalizedText("盟市用户须指定盟市代码（leagueCode）。", "A league user needs a leagueCode.").ToString());
        RuleFor(r => r.LeagueCode).Must(Leagues.IsLeagueCode).When(r => r.Role == Roles.League && !string.IsNullOrEmpty(r.LeagueCode))
            .WithErrorCode("league_unknown")
            .WithMessage(r => new LocalizedText(
                $"“{r.LeagueCode}”不是内蒙古自治区的盟市代码（GB/T 2260）。", $"'{r.LeagueCode}' is not a league/city code of Inner Mongolia (GB/T 2260).").ToString());
        RuleFor(r => r.EnterpriseId).NotEmpty().When(r => r.Role == Roles.Enterprise).WithErrorCode("required_for_role")
            .WithMessage(_ => new LocalizedText("企业用户须指定企业（enterpriseId）。", "An enterprise user needs an enterpriseId.").ToString());
        RuleFor(r => r.AgencyId).NotEmpty().When(r => r.Role == Roles.Verifier).WithErrorCode("required_for_role")
            .WithMessage(_ => new LocalizedText("核查机构用户须指定机构（agencyId）。", "A verifier user needs an agencyId.").ToString());

        RuleFor(r => r.LeagueCode).Empty().When(r => r.Role != Roles.League).WithErrorCode("not_for_role")
            .WithMessage(r => NotForRole("leagueCode", r.Role));
        RuleFor(r => r.EnterpriseId).Empty().When(r => r.Role != Roles.Enterprise).WithErrorCode("not_for_role")
            .WithMessage(r => NotForRole("enterpriseId", r.Role));
        RuleFor(r => r.AgencyId).Empty().When(r => r.Role != Roles.Verifier).WithErrorCode("not_for_role")
            .WithMessage(r => NotForRole("agencyId", r.Role));
    }

    static string NotForRole(string field, string role) =>
        new LocalizedText($"角色“{role}”不使用 {field}。", $"The role '{role}' does not take a {field}.").ToString();
}

/// <summary>POST /api/v1/users (drc) — creates a user bound to the scope its role needs.</summary>
public static class CreateUser
{
    public static async Task<IResult> Handle(CreateUserRequest request, HttpContext http, Credentials credentials, EventLog log, TimeProvider time)
    {
        if (request.EnterpriseId is { } enterpriseId &&
            await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(enterpriseId), http.RequestAborted) is null)
        {
            return Problems.Validation("enterpriseId", "enterprise_unknown", new LocalizedText(
                $"没有 id 为 {enterpriseId} 的已登记企业。", $"No registered enterprise has the id {enterpriseId}."), http);
        }
        var username = SignIn.Normalize(request.Username);
        var command = new User.Create(username, request.Role, request.LeagueCode, request.EnterpriseId, request.AgencyId, Caller.From(http.User)?.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(User.Decider, User.StreamId(username), request,
            state => User.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/users/{username}", outcome.Head.Version, View(outcome.State, now, command.CreatedBy)),
            (transaction, ct) => credentials.SetAsync(transaction.Connection, transaction.Transaction, username, request.Password, ct));
    }

    public static UserView View(User user, DateTimeOffset? createdAt = null, string? createdBy = null) =>
        new(user.Username, user.Role, Me.Describe(user.ToCaller()).Scope, createdAt, createdBy);
}

/// <summary>GET /api/v1/users and /api/v1/users/{username} (drc).</summary>
public static class ListUsers
{
    public static async Task<IResult> Get(string username, HttpContext http, EventLog log)
    {
        var account = await log.Documents.LoadAsync<UserAccount>(User.StreamId(SignIn.Normalize(username)), http.RequestAborted);
        if (account is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(account.Version);
        return TypedResults.Ok(ViewOf(account.Data));
    }

    public static async Task<IResult> List(HttpContext http, EventLog log, string? role = null, int page = 1, int pageSize = 50)
    {
        var result = await log.Documents.QueryAsync<UserAccount>(new DocumentQuery
        {
            Contains = role is null ? null : new { role },
            OrderBy = "username",
            Offset = (Math.Max(1, page) - 1) * Math.Clamp(pageSize, 1, 500),
            Limit = Math.Clamp(pageSize, 1, 500),
        }, http.RequestAborted);
        return TypedResults.Ok(new { total = result.Total, page, items = result.Items.Select(d => ViewOf(d.Data)) });
    }

    static UserView ViewOf(UserAccount a) =>
        new(a.Username, a.Role, Me.Describe(new Caller(a.Username, a.Role, a.LeagueCode, a.EnterpriseId, a.AgencyId)).Scope, a.CreatedAt, a.CreatedBy);
}
