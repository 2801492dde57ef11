using System.Globalization;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;

namespace TraAM.Bot.Hosting;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False in tests and for instances that only answer Teams: jobs are then run by someone else.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Min(Environment.ProcessorCount * 5, 20);

    /// <summary>Time zone of the recurring maintenance jobs (reminders use each person's own académie).</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Basic-auth credentials of the /jobs dashboard outside local mode; no password means no dashboard.</summary>
    public string DashboardUser { get; set; } = "admin";

    public string DashboardPassword { get; set; } = "";
}

internal static class Jobs
{
    private static readonly CultureInfo DashboardCulture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Hangfire on PostgreSQL (shared by every instance) or in memory for the embedded default.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.WorkerCount is > 0 and <= 100, "Jobs__WorkerCount doit être entre 1 et 100.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Jobs__TimeZone n'est pas un fuseau IANA connu.")
            .ValidateOnStart();

        var postgres = configuration.GetConnectionString(Database.ConnectionStringName);
        services.AddSingleton<HangfireLogAttachment>();
        services.AddHangfire((sp, c) =>
        {
            // Hangfire's logging is process-wide: bind it to the bridge, not to this host's factory (HangfireLogBridge).
            sp.GetRequiredService<HangfireLogAttachment>();
            c.UseLogProvider(HangfireLogBridge.Instance);
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (string.IsNullOrWhiteSpace(postgres))
            {
                c.UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
                return;
            }

            c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
            {
                // A job longer than the invisibility timeout must not be picked up a second time by another instance.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                QueuePollInterval = TimeSpan.FromSeconds(1),
                PrepareSchemaIfNecessary = true,
            });
        });

        if (configuration.GetValue($"{JobsOptions.Section}:{nameof(JobsOptions.ServerEnabled)}", true))
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = sp.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }

        // Hangfire.AspNetCore protects the dashboard's POST actions (trigger, delete, requeue…) with ASP.NET Core's
        // antiforgery tokens when, and only when, these services are registered: without them any page the admin
        // opens could post to /jobs with the admin's credentials (CSRF).
        services.AddAntiforgery();
        services.AddScoped<PurgeProcessedActivitiesJob>();
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    /// <summary>The dashboard: loopback callers in local mode, Basic credentials otherwise (see README).</summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this WebApplication app, string pattern)
    {
        // Hangfire ships French texts and writes <html lang> from the UI culture (invariant here, "iv"): French
        // pages under our French title, and a lang attribute that says so.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(pattern), branch => branch.Use(next => http =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = DashboardCulture;
            return next(http);
        }));
        var options = new DashboardOptions
        {
            Authorization = [new JobsDashboardAuthorization()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "TraAM.Bot – tâches",
            AppPath = null,
        };
        return app.MapHangfireDashboard(pattern, options);
    }
}

/// <summary>The single table of recurring jobs, with explicit ids and time zone (Hangfire 1.8 best practice).</summary>
internal sealed class RecurringJobs(IRecurringJobManager jobs, IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var local = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) };
        // Nightly purges: what is kept, and for how long, is README's "What is stored".
        jobs.AddOrUpdate<PurgeProcessedActivitiesJob>(PurgeProcessedActivitiesJob.Id, j => j.RunAsync(CancellationToken.None), "15 3 * * *", local);
        jobs.AddOrUpdate<Delivery.PurgeDeliveryJob>(Delivery.PurgeDeliveryJob.Id, j => j.RunAsync(CancellationToken.None), "45 3 * * *", local);
        jobs.AddOrUpdate<Candidacies.PurgeCandidaciesJob>(Candidacies.PurgeCandidaciesJob.Id, j => j.RunAsync(CancellationToken.None), "50 3 * * *", local);
        jobs.AddOrUpdate<Syntheses.PurgeSynthesesJob>(Syntheses.PurgeSynthesesJob.Id, j => j.RunAsync(CancellationToken.None), "54 3 * * *", local);
        jobs.AddOrUpdate<CheckIns.PurgeCheckInsJob>(CheckIns.PurgeCheckInsJob.Id, j => j.RunAsync(CancellationToken.None), "52 3 * * *", local);
        jobs.AddOrUpdate<Bilans.PurgeBilansJob>(Bilans.PurgeBilansJob.Id, j => j.RunAsync(CancellationToken.None), "53 3 * * *", local);
        jobs.AddOrUpdate<Bilans.SendBilanCardsJob>(Bilans.SendBilanCardsJob.Id, j => j.RunAsync(CancellationToken.None), "42 2 * * *", local);
        jobs.AddOrUpdate<Meetings.Minutes.PurgeMeetingsJob>(Meetings.Minutes.PurgeMeetingsJob.Id, j => j.RunAsync(CancellationToken.None), "53 3 * * *", local);
        // Hourly: a meeting's minutes job is scheduled at its end; this catches one that was lost (queue wiped, crash).
        jobs.AddOrUpdate<Meetings.Minutes.CollectMinutesJob>(Meetings.Minutes.CollectMinutesJob.Id, j => j.RunDueAsync(CancellationToken.None), "7 * * * *", local);
        jobs.AddOrUpdate<CheckIns.SendCheckInRoundsJob>(CheckIns.SendCheckInRoundsJob.Id, j => j.RunAsync(CancellationToken.None), "40 2 * * *", local);
        jobs.AddOrUpdate<Candidacies.Transmission.PurgeExportsJob>(Candidacies.Transmission.PurgeExportsJob.Id, j => j.RunAsync(CancellationToken.None), "55 3 * * *", local);
        jobs.AddOrUpdate<Privacy.PurgePersonalDataExportsJob>(Privacy.PurgePersonalDataExportsJob.Id, j => j.RunAsync(CancellationToken.None), "57 3 * * *", local);
        // Nightly: the directory changed during the day (people joined, left, changed roles).
        jobs.AddOrUpdate<Reminders.ReminderPlanJob>(Reminders.ReminderPlanJob.Id, j => j.RunAsync(CancellationToken.None), "30 2 * * *", local);
        // Every five minutes: sent cards whose update in place was never queued or ran out of retries.
        jobs.AddOrUpdate<Delivery.CardCopiesJob>(Delivery.CardCopiesJob.Id, j => j.CatchUpAsync(CancellationToken.None), "*/5 * * * *", local);
        // Every minute: reminders fall due at 9:00 sharp wherever people are, and throttled sends wait seconds, not hours.
        jobs.AddOrUpdate<Delivery.OutboxDrainJob>(Delivery.OutboxDrainJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely(), local);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
