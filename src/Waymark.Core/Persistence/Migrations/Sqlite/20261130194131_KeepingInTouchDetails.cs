using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeepingInTouchDetails : Migration
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

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts");

            migrationBuilder.AddColumn<string>(
                name: "RescheduleReason",
                table: "Appointments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts",
                column: "SupersedesId",
                unique: true);
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

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "RescheduleReason",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_SentAt_DeliveredAt_FailedAt",
                table: "Reminders",
                columns: new[] { "SentAt", "DeliveredAt", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_TeamId_FailedAt_FailureSeenAt",
                table: "Reminders",
                columns: new[] { "TeamId", "FailedAt", "FailureSeenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts",
                column: "SupersedesId");
        }
    }
}
