using Microsoft.Extensions.DependencyInjection;
using Waymark.Figures;

namespace Waymark.Referrals;

/// <summary>The referrals and follow-up capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class ReferralsRegistration
{
    /// <summary>Registers the referrals and follow-up capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddScoped<ReferralService>();
        services.AddScoped<FollowUpQuery>();
        services.AddScoped<UnmetNeedService>();
        services.AddFigureSource<ReferralFigureSource>();
        services.AddFigureSource<UnmetNeedFigureSource>();
        services.AddFigureSource<OutcomeFigureSource>();
        return services;
    }
}
