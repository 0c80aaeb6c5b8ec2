using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Notifications.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InboxKeysByQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Inbox keys were consumer class names; they are the consumers' queue names now, so a message handled
            // before the upgrade and redelivered after it is still recognised.
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'notifications-activity' WHERE Consumer = 'CommitmentTracker.Notifications.Consumers.RecordActivityConsumer';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'CommitmentTracker.Notifications.Consumers.RecordActivityConsumer' WHERE Consumer = 'notifications-activity';");
        }
    }
}
