using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Tagging.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxKeysByQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Inbox keys were consumer class names; they are the consumers' queue names now, so a message handled
            // before the upgrade and redelivered after it is still recognised.
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'tagging-commitment-events' WHERE Consumer = 'CommitmentTracker.Tagging.Consumers.TaggingCommitmentConsumer';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE InboxMessages SET Consumer = 'CommitmentTracker.Tagging.Consumers.TaggingCommitmentConsumer' WHERE Consumer = 'tagging-commitment-events';");
        }
    }
}
