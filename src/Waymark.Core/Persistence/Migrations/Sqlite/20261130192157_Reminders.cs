using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_SentAt_DeliveredAt_FailedAt",
                table: "Reminders");

            migrationBuilder.DropIndex(
                name: "IX_Reminders_TeamId_FailedAt_FailureSeenAt",
                table: "Reminders");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_DeliveredAt_FailedAt_SentAt",
                table: "Reminders",
                columns: new[] { "DeliveredAt", "FailedAt", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_SentAt_FailedAt_CancelledAt_SendingStartedAt",
                table: "Reminders",
                columns: new[] { "SentAt", "FailedAt", "CancelledAt", "SendingStartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_TeamId_FailureSeenAt_FailedAt",
                table: "Reminders",
                columns: new[] { "TeamId", "FailureSeenAt", "FailedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_DeliveredAt_FailedAt_SentAt",
                table: "Reminders");

            migrationBuilder.DropIndex(
                name: "IX_Reminders_SentAt_FailedAt_CancelledAt_SendingStartedAt",
                table: "Reminders");

            migrationBuilder.DropIndex(
                name: "IX_Reminders_TeamId_FailureSeenAt_FailedAt",
                table: "Reminders");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_SentAt_DeliveredAt_FailedAt",
                table: "Reminders",
                columns: new[] { "SentAt", "DeliveredAt", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_TeamId_FailedAt_FailureSeenAt",
                table: "Reminders",
                columns: new[] { "TeamId", "FailedAt", "FailureSeenAt" });
        }
    }
}
