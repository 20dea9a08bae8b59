using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mrv.EventStore.Http;

/// <summary>
/// The one endpoint filter that validates request shapes: every argument whose type has an
/// <see cref="IValidator{T}"/> registered is validated, and any failure answers 400 naming each
/// field and rule. State rules are not checked here; they belong in Decide.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var violations = new List<FieldViolation>();
        foreach (var argument in context.Arguments)
        {
            if (argument is null) continue;
            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator) continue;

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            violations.AddRange(result.Errors.Select(e => new FieldViolation(e.PropertyName, Problems.RuleName(e.ErrorCode), e.ErrorMessage)));
        }
        return violations.Count > 0 ? Problems.Validation(violations, context.HttpContext) : await next(context);
    }

    /// <summary>Field names in answers are the JSON names (camelCase), with dotted paths and [index] for nesting.</summary>
    public static void ConfigureFluentValidation()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.LanguageManager.Enabled = true;
    }
}

public static class ValidationServiceExtensions
{
    /// <summary>Registers every concrete validator in the assembly of <typeparamref name="TMarker"/>.</summary>
    public static IServiceCollection AddValidatorsFrom<TMarker>(this IServiceCollection services)
    {
        foreach (var type in typeof(TMarker).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                services.AddSingleton(contract, type);
            }
        }
        return services;
    }
}
