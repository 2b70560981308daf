using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// On an action whose files have a configured limit below its request ceiling: the configuration key of that limit
/// (in bytes) and its default, so a refusal states the limit the person must meet.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StatedUploadLimitAttribute(string configurationKey, long defaultBytes) : Attribute
{
    public string ConfigurationKey { get; } = configurationKey;
    public long DefaultBytes { get; } = defaultBytes;
}

/// <summary>
/// An upload over an action's request size limit (<c>[RequestSizeLimit]</c>) is answered 413 before any action runs:
/// on a screen with the error page saying the limit and what to do, on the API with a problem document in the
/// caller's language, instead of the generic error page or the framework's English text. A declared length over the
/// limit is refused without reading the body; an undeclared one (chunked) when reading the form crosses the limit.
/// </summary>
public sealed class RefuseOversizedUploads(IStringLocalizer<SharedResource> t) : IAsyncAuthorizationFilter
{
    /// <summary>After authorization and <c>[RequestSizeLimit]</c> (order 900), before the antiforgery check (order 1000) reads the form.</summary>
    public const int Order = 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var limit = context.ActionDescriptor.EndpointMetadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize;
        if (limit is not { } max || context.Result is not null)
        {
            return;
        }

        var tooLarge = request.ContentLength > max;
        if (!tooLarge && request.HasFormContentType)
        {
            try
            {
                await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                tooLarge = true;
            }
            catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                tooLarge = true;
            }
        }

        if (!tooLarge)
        {
            return;
        }

        var stated = context.ActionDescriptor.EndpointMetadata.OfType<StatedUploadLimitAttribute>().FirstOrDefault() is { } s
            ? context.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetValue(s.ConfigurationKey, s.DefaultBytes)
            : max;
        var error = Error.Validation("File", "Upload.TooLarge", Math.Max(1, stated / (1024 * 1024)));
        context.Result = ErrorResponses.Refusal(context, error, t, StatusCodes.Status413PayloadTooLarge);
    }
}
