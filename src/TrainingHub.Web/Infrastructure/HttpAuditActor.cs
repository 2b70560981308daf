using System.Security.Claims;
using TrainingHub.Core.Audit;

namespace TrainingHub.Web.Infrastructure;

/// <summary>The signed-in user making the current request, or "system" outside a request, unless a job acts for someone (<see cref="ActFor"/>).</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private (string UserId, string Name)? actingFor;

    public string? UserId => actingFor?.UserId ?? accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => actingFor?.Name ?? (accessor.HttpContext?.User.Identity is { IsAuthenticated: true } id ? id.Name ?? "?" : "system");

    public string? Reason { get; set; }

    /// <summary>A background job carrying out what a user started (an import): its changes are recorded as theirs.</summary>
    public void ActFor(string userId, string name) => actingFor = (userId, name);
}
