package dev.modelaccess.spring;

import dev.modelaccess.core.notify.Channel;
import dev.modelaccess.core.notify.ClaimedNotice;
import dev.modelaccess.core.notify.DeliveryFailedException;
import dev.modelaccess.core.notify.NoticeChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The email channel: one mail per send, HTML and plain text ({@code multipart/alternative}), through the
 * application's {@link JavaMailSender}. A single notice makes a mail of its own; a day's digest notices make one
 * mail listing them all. A refusal by the SMTP server is a {@link DeliveryFailedException}, retried by the
 * dispatcher.
 */
public final class MailNoticeChannel implements NoticeChannel {

    private final JavaMailSender sender;
    private final String from;
    private final List<String> to;
    private final String subjectPrefix;
    private final ZoneId zone;

    public MailNoticeChannel(JavaMailSender sender, String from, List<String> to, String subjectPrefix, ZoneId zone) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.from = Objects.requireNonNull(from, "from");
        this.to = List.copyOf(to);
        if (this.to.isEmpty()) {
            throw new IllegalArgumentException("modelaccess.notifications.email.to needs at least one recipient");
        }
        this.subjectPrefix = subjectPrefix.isBlank() ? "" : subjectPrefix.strip() + " ";
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(List<ClaimedNotice> notices) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, true, "UTF-8");
            mail.setFrom(from);
            mail.setTo(to.toArray(String[]::new));
            mail.setSubject(subject(notices));
            mail.setText(plain(notices), html(notices));
            sender.send(message);
        } catch (MailException | MessagingException e) {
            throw new DeliveryFailedException("The SMTP server did not take the mail: " + e.getMessage(), e);
        }
    }

    private String subject(List<ClaimedNotice> notices) {
        if (notices.size() == 1 && notices.getFirst().delivery() == dev.modelaccess.core.notify.Delivery.IMMEDIATE) {
            return subjectPrefix + notices.getFirst().title();
        }
        LocalDate day = LocalDate.ofInstant(notices.getFirst().dueAt(), zone);
        return subjectPrefix + "Daily digest for " + day + ": " + notices.size()
                + (notices.size() == 1 ? " notice" : " notices");
    }

    static String plain(List<ClaimedNotice> notices) {
        StringBuilder text = new StringBuilder();
        for (ClaimedNotice notice : notices) {
            text.append("* ").append(notice.title()).append('\n');
            notice.lines().forEach(line -> text.append("    ").append(line).append('\n'));
            if (notice.link() != null) {
                text.append("    ").append(notice.link()).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }

    static String html(List<ClaimedNotice> notices) {
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        for (ClaimedNotice notice : notices) {
            html.append("<h3>").append(escape(notice.title())).append("</h3>");
            if (!notice.lines().isEmpty()) {
                html.append("<ul>");
                notice.lines()
                        .forEach(
                                line -> html.append("<li>").append(escape(line)).append("</li>"));
                html.append("</ul>");
            }
            if (notice.link() != null) {
                html.append("<p><a href=\"").append(escape(notice.link())).append("\">Open the console</a></p>");
            }
        }
        return html.append("</body></html>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
