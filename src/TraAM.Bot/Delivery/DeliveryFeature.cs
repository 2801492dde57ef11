using Microsoft.Extensions.Options;
using TraAM.Bot.Delivery.Files;

namespace TraAM.Bot.Delivery;

/// <summary>The outbox and its drain jobs: how every feature sends proactive messages.</summary>
public static class DeliveryFeature
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton(new RateLimiter(TimeProvider.System)); // Teams counts real seconds
        services.AddSingleton<IDeliveryTrigger, HangfireDeliveryTrigger>();
        services.AddSingleton<Outbox>();
        services.AddScoped<NotificationSender>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<DrainGate>();
        services.AddTransient<OutboxDrainJob>();
        services.AddScoped<PurgeDeliveryJob>();
        services.AddSingleton<NotificationRenderer>();
        services.AddScoped<CardCopies>();
        services.AddScoped<CardCopiesJob>();
        services.AddHostedService<DrainOnStart>();
        services.AddFileDelivery();
        return services;
    }
}
