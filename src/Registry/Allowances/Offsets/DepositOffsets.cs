using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Allowances.Offsets;

/// <param name="ProjectReference">The CCER project's registration reference (项目备案编号), e.g. CCER-150000-2024-001.</param>
/// <param name="ProjectEnterpriseId">The covered enterprise whose boundary the project lies in, if any: its offsets never count for that enterprise.</param>
public sealed record DepositOffsetsRequest(string ProjectReference, Guid? ProjectEnterpriseId, long Quantity);

public sealed class DepositOffsetsRequestValidator : AbstractValidator<DepositOffsetsRequest>
{
    public DepositOffsetsRequestValidator()
    {
        RuleFor(r => r.ProjectReference).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9_./-]*$")
            .WithErrorCode("project_reference_format")
            .WithMessage(_ => new LocalizedText("项目编号只能包含字母、数字和 _ . / -。", "A project reference has letters, digits, '_', '.', '/' and '-'.").ToString());
        RuleFor(r => r.Quantity).InclusiveBetween(1, Transfers.StartTransferRequestValidator.MaxQuantity).WithErrorCode("whole_allowances")
            .WithMessage(_ => new LocalizedText("数量须为正整数（1 个 CCER = 1 吨二氧化碳当量）。", "The quantity is a positive whole number (1 CCER = 1 tCO2e).").ToString());
    }
}

/// <summary>POST /api/v1/allowances/accounts/{id}/offsets (drc) — deposits CCER offsets into an account with the project they come from.</summary>
public static class DepositOffsets
{
    public static async Task<IResult> Handle(Guid id, DepositOffsetsRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await http.LoadVisibleAccountAsync(log, id) is null) return Problems.NotFound(http);
        if (request.ProjectEnterpriseId is { } projectEnterprise &&
            await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(projectEnterprise), http.RequestAborted) is null)
        {
            return Problems.Validation("projectEnterpriseId", "enterprise_unknown", new LocalizedText(
                $"没有 id 为 {projectEnterprise} 的已登记企业。", $"No registered enterprise has the id {projectEnterprise}."), http);
        }
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        var depositId = Guid.CreateVersion7(now);
        return await http.MoveAsync(request, $"offsets-{id}", async session =>
        {
            var account = await session.DecideAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(id), state =>
                AllowanceAccount.DepositOffsets(state, depositId, request.ProjectReference, request.ProjectEnterpriseId, request.Quantity, by, now));
            return CommandResponse.Created($"/api/v1/allowances/accounts/{id}", 0, new { depositId, offsets = account.Offsets });
        });
    }
}
