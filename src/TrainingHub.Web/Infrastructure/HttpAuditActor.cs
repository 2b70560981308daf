using System.Security.Claims;
using TrainingHub.Core.Audit;

namespace TrainingHub.Web.Infrastructure;

/// <summary>The signed-in user making the current request, or "system" outside a request.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => accessor.HttpContext?.User.Identity is { IsAuthenticated: true } id ? id.Name ?? "?" : "system";

    public string? Reason { get; set; }
}
