using CommitmentTracker.Notifications.Delivery;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>What follows a failed attempt: a retry after the matching delay, then dead once every delay was used.</summary>
public sealed class DeliveryBatchTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc);
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)];

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 60)]
    public void A_failed_attempt_is_retried_after_its_delay(int attempts, int seconds)
    {
        Assert.Equal(Now.AddSeconds(seconds), DeliveryBatch.RetryAt(attempts, Delays, Now));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void An_attempt_failing_after_every_delay_was_used_is_dead(int attempts)
    {
        Assert.Null(DeliveryBatch.RetryAt(attempts, Delays, Now));
    }

    [Fact]
    public void Without_delays_the_first_failure_is_dead()
    {
        Assert.Null(DeliveryBatch.RetryAt(1, [], Now));
    }

    [Fact]
    public void The_default_delays_retry_six_times_from_ten_seconds_to_six_hours()
    {
        var delays = new DeliveryOptions().EffectiveRetryDelays;

        Assert.Equal(Now.AddSeconds(10), DeliveryBatch.RetryAt(1, delays, Now));
        Assert.Equal(Now.AddHours(6), DeliveryBatch.RetryAt(6, delays, Now));
        Assert.Null(DeliveryBatch.RetryAt(7, delays, Now));
    }
}
