<?php
// PrestaShop: a module showing the survey card on the order-confirmation page
// (docs/platforms.md). modules/pepite/pepite.php, with token.php beside it; the secret and the
// collector's address in the module's configuration (Configuration::get).
require_once __DIR__ . '/token.php';

class Pepite extends Module
{
    public function __construct()
    {
        $this->name = 'pepite';
        $this->version = '1.0.0';
        $this->author = 'Pépite';
        parent::__construct();
        $this->displayName = 'Pépite post-purchase survey';
    }

    public function install()
    {
        return parent::install() && $this->registerHook('displayOrderConfirmation');
    }

    public function hookDisplayOrderConfirmation($params)
    {
        $order = $params['order'];
        $token = pepite_sign_token(Configuration::get('PEPITE_TOKEN_SECRET'), 'post-purchase',
                                   (string) $order->reference, 30, $this->context->language->iso_code);
        $collector = rtrim(Configuration::get('PEPITE_COLLECTOR'), '/');
        return sprintf('<script async src="%1$s/pepite/pepite.js" data-survey="%1$s/pepite/surveys/post-purchase.json" '
                       . 'data-endpoint="%1$s/v1/responses" data-token="%2$s"></script>',
                       htmlspecialchars($collector, ENT_QUOTES), htmlspecialchars($token, ENT_QUOTES));
    }
}
