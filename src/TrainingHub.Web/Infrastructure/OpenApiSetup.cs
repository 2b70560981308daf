using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) says what the API answers: enums by name (as the JSON travels), the
/// personal API token as a bearer scheme (required except where anonymous access is allowed), fields that may be
/// null or have a default not marked required, and (<see cref="AuthorizationAnswers"/>) on every operation the 401
/// and 403 problems the host answers before the action runs.
/// </summary>
public static class OpenApiSetup
{
    public const string Bearer = "bearer";

    public static void Configure(OpenApiOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "TrainingHub API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "th_…",
                Description = "A personal API token (Account › API tokens), sent as Authorization: Bearer th_…. Calls riding on the sign-in cookie instead send X-CSRF-TOKEN when they change anything.",
            };
            return Task.CompletedTask;
        });
        // Required means "always there": a field that may be null or has a default is optional, in requests above all.
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Required is not { Count: > 0 } required || schema.Properties is null
                || context.JsonTypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
            {
                return Task.CompletedTask;
            }

            foreach (var property in context.JsonTypeInfo.Properties)
            {
                var parameter = property.AssociatedParameter;
                var mayBeNull = schema.Properties.TryGetValue(property.Name, out var s) && AllowsNull(s);
                var optional = !property.IsRequired && (mayBeNull || parameter is null || parameter.HasDefaultValue || parameter.IsNullable);
                if (optional)
                {
                    required.Remove(property.Name);
                }
            }

            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            operation.Security = anonymous
                ? []
                : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            return Task.CompletedTask;
        });
    }

    private static bool AllowsNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false)
        || (schema.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) ?? false);
}

/// <summary>
/// Declares, on every API action, the refusals the host makes before the action runs: 401 unless anonymous access is
/// allowed, and 403 where a role is required. The real answers are problem documents (<see cref="ApiProblems"/>).
/// </summary>
public sealed class AuthorizationAnswers : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var attributes = action.Attributes.Concat(action.Controller.Attributes).ToList();
        if (!typeof(ApiControllerBase).IsAssignableFrom(action.Controller.ControllerType) && action.ApiExplorer.IsVisible != true)
        {
            return;
        }

        if (attributes.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var declared = action.Filters.OfType<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiResponseMetadataProvider>().Select(d => d.StatusCode).ToHashSet();
        if (!declared.Contains(StatusCodes.Status401Unauthorized))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json"));
        }

        var roles = attributes.OfType<AuthorizeAttribute>().Any(a => a.Policy is { } p && p != Policies.SignedIn);
        if (roles && !declared.Contains(StatusCodes.Status403Forbidden))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(typeof(ProblemDetails), StatusCodes.Status403Forbidden, "application/problem+json"));
        }
    }
}
