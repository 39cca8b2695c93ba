<?php
// A Pépite order token in PHP (hash_hmac; docs/tokens.md). Copy pepite_sign_token() into the
// shop's code (WooCommerce, PrestaShop: docs/platforms.md); the command line is for trying it:
//   PEPITE_TOKEN_SECRET=… php token.php post-purchase A-10023 [fr]

function pepite_b64url(string $data): string {
    return rtrim(strtr(base64_encode($data), '+/', '-_'), '=');
}

function pepite_sign_token(string $secret, string $survey, string $order, int $days = 30,
                           ?string $locale = null, array $properties = []): string {
    $claims = ['s' => $survey, 'o' => $order, 'e' => time() + $days * 86400];
    if ($locale) $claims['l'] = $locale;
    if ($properties) $claims['p'] = $properties;
    $body = 'v1.' . pepite_b64url(json_encode($claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    return $body . '.' . pepite_b64url(hash_hmac('sha256', $body, $secret, true));
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    echo pepite_sign_token(getenv('PEPITE_TOKEN_SECRET') ?: '', $argv[1], $argv[2], 30,
                           $argv[3] ?? null), "\n";
}
