<?php
// WooCommerce: the survey card on the thank-you page, for this order (docs/platforms.md).
// Put it in a small plugin or the theme's functions.php, with token.php beside it. Set the
// secret in wp-config.php: define('PEPITE_TOKEN_SECRET', '…'); and PEPITE_COLLECTOR to the
// collector's address (https://feedback.shop.example).
require_once __DIR__ . '/token.php';

function pepite_woocommerce_thankyou($order_id) {
    $order = wc_get_order($order_id);
    if (!$order) return;
    $token = pepite_sign_token(PEPITE_TOKEN_SECRET, 'post-purchase', (string) $order->get_order_number(),
                               30, substr(get_locale(), 0, 2));
    $collector = rtrim(PEPITE_COLLECTOR, '/');
    printf('<script async src="%1$s/pepite/pepite.js" data-survey="%1$s/pepite/surveys/post-purchase.json" '
           . 'data-endpoint="%1$s/v1/responses" data-token="%2$s"></script>',
           esc_url($collector), esc_attr($token));
}
add_action('woocommerce_thankyou', 'pepite_woocommerce_thankyou');
